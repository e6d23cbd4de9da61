package org.handlelens.etw.win32k;

/** Which Win32k handle table an event is about: its task, GdiHandleOperation or UserHandleOperation. */
public enum Win32kHandleFamily {
    /** Task GdiHandleOperation (442): GDI objects (bitmaps, DCs, fonts, brushes ...). */
    GDI("GDI"),
    /** Task UserHandleOperation (443): USER objects (windows, menus, cursors, hooks ...). */
    USER("USER");

    private final String label;

    Win32kHandleFamily(String label) {
        this.label = label;
    }

    /** "GDI" or "USER": the prefix of the handle type names HandleLens shows. */
    public String label() {
        return label;
    }
}

package org.handlelens.symbols.path;

/** A malformed symbol path; the message quotes the element and its character position. */
public final class SymbolPathSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;

    /**
     * @param text     the whole symbol path
     * @param position 0-based character position of the offending element
     * @param problem  what is wrong
     */
    public SymbolPathSyntaxException(String text, int position, String problem) {
        super("invalid symbol path element at character " + position + " of \"" + text + "\": " + problem);
        this.position = position;
    }

    /** 0-based character position of the offending element. */
    public int position() {
        return position;
    }
}

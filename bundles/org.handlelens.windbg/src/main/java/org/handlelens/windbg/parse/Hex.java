package org.handlelens.windbg.parse;

/** Hex number parsing for debugger output: optional {@code 0x}, optional x64 backtick separator. */
final class Hex {
    private Hex() {
    }

    /**
     * Parses {@code 0x0000003c}, {@code 04fc}, {@code fffff800`01234567}.
     *
     * @return the value, or null when the text is not a hex number of at most 64 bits
     */
    static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.indexOf('`') >= 0) {
            s = s.replace("`", "");
        }
        if (s.isEmpty()) {
            return null;
        }
        // leading zeros do not count towards the 64-bit limit (x64 !htrace pads to 16 digits anyway)
        int first = 0;
        while (first < s.length() - 1 && s.charAt(first) == '0') {
            first++;
        }
        if (s.length() - first > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(s, first, s.length(), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Decimal parse returning null instead of throwing. */
    static Long parseDecimal(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

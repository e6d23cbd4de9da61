package org.handlelens.symbols.cab;

/** Public entry to the package-private {@link TestLzxWriter} for tests in other packages. */
public final class TestLzx {
    private TestLzx() {
    }

    /** {@code content} as {@code name} in an LZX:21 cabinet with E8 translation, as symstore would write it. */
    public static byte[] cab(String name, byte[] content) {
        return new TestLzxWriter(21, 12_000_000, "VA", 1).cab(name, content);
    }
}

package org.handlelens.windbg.parse;

/** A parser for one kind of block; fed line by line by {@link WinDbgLogParser}. */
abstract class BlockParser {
    protected final ParseContext ctx;

    BlockParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Offers a line.
     *
     * @return true when the line belongs to this parser's block (continuing or starting one)
     */
    abstract boolean offer(Line line);

    /** Ends the current block, emitting it. */
    abstract void flush();

    /** At end of input, before {@link #flush()}: what is missing from an unfinished block, or null. */
    String incompleteAtEndOfInput() {
        return null;
    }
}

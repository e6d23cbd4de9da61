package org.handlelens.windbg.parse;

import java.util.List;

/**
 * What a parse pass saw besides the blocks.
 *
 * @param lineCount     lines read
 * @param blockCount    blocks recognised (processes, handles, summaries, {@code !htrace} outputs)
 * @param skippedLines  non-blank lines no parser recognised
 * @param truncated     the input ended inside a block (the block was kept as far as it went)
 * @param warnings      warnings in the order raised (also passed to {@link WinDbgListener#warning})
 */
public record ParseSummary(int lineCount, int blockCount, int skippedLines, boolean truncated, List<String> warnings) {

    public ParseSummary {
        warnings = List.copyOf(warnings);
    }
}

package org.handlelens.ui.editor;

/**
 * The page of a row order a table shows: positions {@code [offset, offset + size())} of {@code total}
 * rows, in pages of {@code pageRows}. UI-free arithmetic of the Handles page's pager; offsets are always
 * page-aligned, so "page k" means the same rows after a re-sort or a new filter.
 *
 * @param offset   position (in the whole order) of the first row shown; a multiple of {@code pageRows}
 * @param total    rows in the whole order (after filters)
 * @param pageRows most rows shown at once (> 0)
 */
public record RowWindow(int offset, int total, int pageRows) {
    /** Validates: {@code pageRows > 0}, {@code total >= 0}, {@code offset} page-aligned and inside the rows. */
    public RowWindow {
        if (pageRows <= 0 || total < 0 || offset < 0 || offset % pageRows != 0 || (offset > 0 && offset >= total)) {
            throw new IllegalArgumentException("bad row window: offset " + offset + ", total " + total
                    + ", pageRows " + pageRows);
        }
    }

    /** The first page of {@code total} rows. */
    public static RowWindow first(int total, int pageRows) {
        return new RowWindow(0, total, pageRows);
    }

    /** Rows on this page (0 when there are no rows). */
    public int size() {
        return Math.min(pageRows, total - offset);
    }

    /** Zero-based index of this page. */
    public int pageIndex() {
        return offset / pageRows;
    }

    /** Number of pages (at least 1, also with no rows). */
    public int pageCount() {
        return total == 0 ? 1 : (int) ((total + (long) pageRows - 1) / pageRows);
    }

    /** True if a page follows this one. */
    public boolean hasNext() {
        return pageIndex() + 1 < pageCount();
    }

    /** True if a page precedes this one. */
    public boolean hasPrevious() {
        return offset > 0;
    }

    /** The next page, or this one on the last page. */
    public RowWindow next() {
        return hasNext() ? new RowWindow(offset + pageRows, total, pageRows) : this;
    }

    /** The previous page, or this one on the first page. */
    public RowWindow previous() {
        return hasPrevious() ? new RowWindow(offset - pageRows, total, pageRows) : this;
    }

    /** Page {@code index}, clamped to the existing pages. */
    public RowWindow atPage(int index) {
        int clamped = Math.max(0, Math.min(index, pageCount() - 1));
        return new RowWindow(clamped * pageRows, total, pageRows);
    }

    /** The same page over a new total (a re-sort or new filter), clamped to the last page if it shrank. */
    public RowWindow withTotal(int newTotal) {
        return first(newTotal, pageRows).atPage(pageIndex());
    }

    /** The page holding position {@code position} of the whole order (clamped to the rows). */
    public RowWindow containing(int position) {
        return atPage(position / pageRows);
    }

    /** Position in the whole order of display index {@code displayIndex} of this page. */
    public int position(int displayIndex) {
        return offset + displayIndex;
    }

    /** Display index of {@code position} on this page, or -1 if that position is on another page. */
    public int displayIndex(int position) {
        int i = position - offset;
        return i >= 0 && i < size() ? i : -1;
    }
}

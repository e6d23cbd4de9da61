package org.handlelens.model.store;

import java.util.ArrayList;
import java.util.List;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.ModelConstants;

/**
 * Columnar storage of handle rows: one chunked primitive column per field, strings as ids into a
 * {@link StringTable}. Unpacked, the dense columns cost 68 bytes per row; sparse ones (attributes,
 * close stack, duplicate source, WinDbg detail, snapshot indexes) cost nothing until used. Chunks are packed as the
 * store grows and by {@link #compact()} (see {@link IntColumn}, {@link LongColumn}): an ETL import
 * typically ends at 25-35 bytes per row.
 */
public final class HandleRows {
    /** Default chunk size: 64 Ki rows per chunk (256-512 KiB per column chunk). */
    public static final int DEFAULT_CHUNK_SHIFT = 16;

    final IntColumn owningProcess;
    final LongColumn handleValue;
    final LongColumn objectAddress;
    final IntColumn typeId;
    final IntColumn nameId;
    final IntColumn grantedAccess;
    final IntColumn creatingProcess;
    final IntColumn closingProcess;
    final IntColumn createThread;
    final LongColumn createTime;
    final LongColumn closeTime;
    final IntColumn createStack;
    // sparse columns
    final IntColumn attributesId;
    final IntColumn closeStack;
    final LongColumn dupFromHandle;
    final IntColumn dupFromProcess;
    final IntColumn detailIndex;
    final IntColumn openedSnapshot;
    final IntColumn closedSnapshot;
    final List<HandleDetail> details;
    private long rows;

    /** Empty store with chunks of {@code 1 << chunkShift} rows. */
    public HandleRows(int chunkShift) {
        owningProcess = new IntColumn(chunkShift, 0);
        handleValue = new LongColumn(chunkShift, 0);
        objectAddress = new LongColumn(chunkShift, -1);
        typeId = new IntColumn(chunkShift, 0);
        nameId = new IntColumn(chunkShift, -1);
        grantedAccess = new IntColumn(chunkShift, -1);
        creatingProcess = new IntColumn(chunkShift, -1);
        closingProcess = new IntColumn(chunkShift, -1);
        createThread = new IntColumn(chunkShift, -1);
        createTime = new LongColumn(chunkShift, ModelConstants.TIME_UNKNOWN);
        closeTime = new LongColumn(chunkShift, ModelConstants.TIME_UNKNOWN);
        createStack = new IntColumn(chunkShift, -1);
        attributesId = new IntColumn(chunkShift, -1);
        closeStack = new IntColumn(chunkShift, -1);
        dupFromHandle = new LongColumn(chunkShift, -1);
        dupFromProcess = new IntColumn(chunkShift, -1);
        detailIndex = new IntColumn(chunkShift, -1);
        openedSnapshot = new IntColumn(chunkShift, -1);
        closedSnapshot = new IntColumn(chunkShift, -1);
        details = new ArrayList<>();
    }

    /** All int columns in a fixed order (used by the index writer/reader). */
    public IntColumn[] intColumns() {
        return new IntColumn[] {owningProcess, typeId, nameId, grantedAccess, creatingProcess, closingProcess,
                createThread, createStack, attributesId, closeStack, dupFromProcess, detailIndex, openedSnapshot,
                closedSnapshot};
    }

    /** All long columns in a fixed order (used by the index writer/reader). */
    public LongColumn[] longColumns() {
        return new LongColumn[] {handleValue, objectAddress, createTime, closeTime, dupFromHandle};
    }

    /** Appends one row; ids already interned; access mask kept as its low 32 bits (-1 = unknown). */
    public long append(int owning, long handle, long object, int type, int name, long access, int attributes,
            int creating, int closing, int thread, long createNanos, long closeNanos, int createStackId,
            int closeStackId, long dupHandle, int dupProcess, HandleDetail detail) {
        long row = rows++;
        owningProcess.add(owning);
        handleValue.add(handle);
        objectAddress.add(object);
        typeId.add(type);
        nameId.add(name);
        grantedAccess.add((int) access);
        attributesId.add(attributes);
        creatingProcess.add(creating);
        closingProcess.add(closing);
        createThread.add(thread);
        createTime.add(createNanos);
        closeTime.add(closeNanos);
        createStack.add(createStackId);
        closeStack.add(closeStackId);
        dupFromHandle.add(dupHandle);
        dupFromProcess.add(dupProcess);
        if (detail != null && !detail.isEmpty()) {
            detailIndex.add(details.size());
            details.add(detail);
        } else {
            detailIndex.add(-1);
        }
        openedSnapshot.add(-1);
        closedSnapshot.add(-1);
        return row;
    }

    /** Sets the snapshot indexes (-1 = unknown / not closed) of an existing row. */
    public void setSnapshots(long row, int opened, int closed) {
        openedSnapshot.set(checkRow(row), opened);
        closedSnapshot.set(row, closed);
    }

    /** Sets the create stack id of an existing row. */
    public void setCreateStack(long row, int stackId) {
        createStack.set(checkRow(row), stackId);
    }

    /** Sets the close stack id of an existing row. */
    public void setCloseStack(long row, int stackId) {
        closeStack.set(checkRow(row), stackId);
    }

    /** Sets the closing process key and close time of an existing row. */
    public void setClose(long row, int closingProcessKey, long closeNanos) {
        closingProcess.set(checkRow(row), closingProcessKey);
        closeTime.set(row, closeNanos);
    }

    /** Sets the object name id of an existing row. */
    public void setNameId(long row, int id) {
        nameId.set(checkRow(row), id);
    }

    /** Rewrites every type id {@code from} to {@code to} (a full pass: for rare merges only). */
    public void replaceTypeId(int from, int to) {
        for (long r = 0; r < rows; r++) {
            if (typeId.get(r) == from) {
                typeId.set(r, to);
            }
        }
    }

    private long checkRow(long row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return row;
    }

    /** Packs every column chunk; call when no more rows are added (reads stay valid). */
    public void compact() {
        for (IntColumn c : intColumns()) {
            c.compact();
        }
        for (LongColumn c : longColumns()) {
            c.compact();
        }
    }

    /** Restores the row count and details after the index reader filled the columns. */
    public void restore(long rowCount, List<HandleDetail> restoredDetails) {
        this.rows = rowCount;
        details.clear();
        details.addAll(restoredDetails);
    }

    /** Columns that {@link #read} reads in blocks. */
    public enum Field {
        OWNING_PROCESS, TYPE, NAME, CREATING_PROCESS, CLOSING_PROCESS, CREATE_THREAD, CREATE_STACK, HANDLE, OBJECT,
        CREATE_TIME, CLOSE_TIME, CLOSED_SNAPSHOT
    }

    /**
     * Values of {@code field} for rows {@code [from, from + len)} into {@code dst[0, len)}, as the per-row
     * accessors return them (ints widened): one chunk-type dispatch per chunk, for queries over many rows.
     */
    public void read(Field field, long from, int len, long[] dst) {
        switch (field) {
            case OWNING_PROCESS -> owningProcess.read(from, len, dst);
            case TYPE -> typeId.read(from, len, dst);
            case NAME -> nameId.read(from, len, dst);
            case CREATING_PROCESS -> creatingProcess.read(from, len, dst);
            case CLOSING_PROCESS -> closingProcess.read(from, len, dst);
            case CREATE_THREAD -> createThread.read(from, len, dst);
            case CREATE_STACK -> createStack.read(from, len, dst);
            case HANDLE -> handleValue.read(from, len, dst);
            case OBJECT -> objectAddress.read(from, len, dst);
            case CREATE_TIME -> createTime.read(from, len, dst);
            case CLOSE_TIME -> closeTime.read(from, len, dst);
            case CLOSED_SNAPSHOT -> closedSnapshot.read(from, len, dst);
        }
    }

    /** Number of rows. */
    public long rowCount() {
        return rows;
    }

    /** Owning process key. */
    public int owningProcess(long row) {
        return owningProcess.get(row);
    }

    /** Handle value. */
    public long handleValue(long row) {
        return handleValue.get(row);
    }

    /** Object address, -1 unknown. */
    public long objectAddress(long row) {
        return objectAddress.get(row);
    }

    /** Type name string id. */
    public int typeId(long row) {
        return typeId.get(row);
    }

    /** Object name string id, -1 none. */
    public int nameId(long row) {
        return nameId.get(row);
    }

    /** Access mask as unsigned 32 bits, -1 when unknown. */
    public long grantedAccess(long row) {
        int v = grantedAccess.get(row);
        return v == -1 ? -1 : Integer.toUnsignedLong(v);
    }

    /** Attributes string id, -1 none. */
    public int attributesId(long row) {
        return attributesId.get(row);
    }

    /** Creating process key, -1 Unknown. */
    public int creatingProcess(long row) {
        return creatingProcess.get(row);
    }

    /** Closing process key, -1 Unknown. */
    public int closingProcess(long row) {
        return closingProcess.get(row);
    }

    /** Creating thread id, -1 unknown. */
    public int createThread(long row) {
        return createThread.get(row);
    }

    /** Create time (ns since start) or TIME_UNKNOWN. */
    public long createTime(long row) {
        return createTime.get(row);
    }

    /** Close time (ns since start) or TIME_UNKNOWN. */
    public long closeTime(long row) {
        return closeTime.get(row);
    }

    /** Create stack id or -1. */
    public int createStack(long row) {
        return createStack.get(row);
    }

    /** Close stack id or -1. */
    public int closeStack(long row) {
        return closeStack.get(row);
    }

    /** Duplicate source handle or -1. */
    public long dupFromHandle(long row) {
        return dupFromHandle.get(row);
    }

    /** Duplicate source process key or -1. */
    public int dupFromProcess(long row) {
        return dupFromProcess.get(row);
    }

    /** Index of the first snapshot the row was seen open at, -1 when unknown (no snapshots). */
    public int openedSnapshot(long row) {
        return openedSnapshot.get(row);
    }

    /** Index of the first snapshot by which the row was known closed, -1 when not closed / unknown. */
    public int closedSnapshot(long row) {
        return closedSnapshot.get(row);
    }

    /** WinDbg detail of the row, null when none. */
    public HandleDetail detail(long row) {
        int i = detailIndex.get(row);
        return i < 0 ? null : details.get(i);
    }

    /** All details in side-table order. */
    public List<HandleDetail> details() {
        return details;
    }

    /** Bytes held by the columns (allocated chunks) and the detail side table. */
    public long allocatedBytes() {
        long bytes = 0;
        for (IntColumn c : intColumns()) {
            bytes += c.allocatedBytes();
        }
        for (LongColumn c : longColumns()) {
            bytes += c.allocatedBytes();
        }
        return bytes + 80L * details.size();
    }
}

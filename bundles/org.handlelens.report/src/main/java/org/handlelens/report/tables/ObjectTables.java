package org.handlelens.report.tables;

import java.util.List;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.analysis.ObjectView;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.report.render.CellKind;
import org.handlelens.report.render.ListTable;
import org.handlelens.report.render.TableColumn;
import org.handlelens.report.render.TableResult;

/** Tables of the object view ({@link ObjectView}): objects, and one object's handles. */
public final class ObjectTables {
    /** Columns of the object list. */
    public static final List<TableColumn> OBJECT_COLUMNS = List.of(
            new TableColumn("object", "Object", CellKind.ADDRESS),
            new TableColumn("type", "Type", CellKind.TEXT),
            new TableColumn("name", "Name", CellKind.TEXT),
            new TableColumn("handleCount", "Handles", CellKind.INTEGER),
            new TableColumn("openHandles", "Open at End", CellKind.INTEGER),
            new TableColumn("processCount", "Processes", CellKind.INTEGER),
            new TableColumn("processes", "Owning Processes", CellKind.TEXT),
            new TableColumn("firstCreate", "First Create", CellKind.TIME),
            new TableColumn("lastClose", "Last Close", CellKind.TIME),
            new TableColumn("lifetimeSeconds", "Lifetime (s)", CellKind.DECIMAL));

    /** Columns of one object's handles (the per-handle story). */
    public static final List<TableColumn> HANDLE_COLUMNS = List.of(
            new TableColumn("process", "Owning Process", CellKind.PROCESS),
            new TableColumn("processImage", "Image", CellKind.TEXT),
            new TableColumn("handle", "Handle", CellKind.HEX_INTEGER),
            new TableColumn("origin", "Origin", CellKind.TEXT),
            new TableColumn("duplicatedFromPid", "Dup. From PID", CellKind.INTEGER),
            new TableColumn("duplicatedFromHandle", "From Handle", CellKind.HEX_INTEGER),
            new TableColumn("grantedAccess", "Granted Access", CellKind.HEX_INTEGER),
            new TableColumn("creatingProcess", "Creating Process", CellKind.PROCESS),
            new TableColumn("closingProcess", "Closing Process", CellKind.PROCESS),
            new TableColumn("createTime", "Create Time", CellKind.TIME),
            new TableColumn("closeTime", "Close Time", CellKind.TIME),
            new TableColumn("openedSnapshot", "Opened by Snapshot", CellKind.INTEGER),
            new TableColumn("closedSnapshot", "Closed by Snapshot", CellKind.INTEGER),
            new TableColumn("outstanding", "Open at End", CellKind.BOOLEAN),
            new TableColumn("createStack", "Create Stack", CellKind.FRAMES));

    private ObjectTables() {
    }

    /** One row per object. */
    public static TableResult objects(HandleModel m, List<ObjectView.ObjectHistory> objects) {
        ListTable.Builder b = ListTable.builder(OBJECT_COLUMNS, m.source().startTime());
        for (ObjectView.ObjectHistory o : objects) {
            b.add(o.objectAddress(), o.type(), o.name(), (long) o.handles().size(), (long) o.openHandleCount(),
                    (long) o.processCount(), String.join(", ", o.processLabels()), time(o.firstSeenNanos()),
                    time(o.lastSeenNanos()), o.lifetimeNanos() == ModelConstants.TIME_UNKNOWN ? null
                            : o.lifetimeNanos() / 1e9);
        }
        return b.build();
    }

    /**
     * The handles of one object, oldest first. {@code origin}: {@code create}, {@code duplicate} (from
     * another handle, maybe in another process), {@code pre-existing} (before the trace) or {@code listed}
     * (a WinDbg {@code !handle} entry: creation not in the source).
     */
    public static TableResult handles(HandleModel m, ObjectView.ObjectHistory o, FrameSymbolizer.Resolver resolver) {
        ListTable.Builder b = ListTable.builder(HANDLE_COLUMNS, m.source().startTime());
        for (ObjectView.ObjectHandle h : o.handles()) {
            int row = h.row();
            boolean duplicate = h.duplicatedFromHandle() != -1;
            String origin = duplicate ? "duplicate"
                    : m.isPreExisting(row) ? (m.snapshots().isEmpty() ? "pre-existing" : "listed") : "create";
            b.add(HandleTables.process(m, h.processKey()), m.process(h.processKey()).image(), h.handle(), origin,
                    duplicate && m.process(m.duplicatedFromProcess(row)) != null
                            ? (long) m.process(m.duplicatedFromProcess(row)).pid() : null,
                    duplicate ? h.duplicatedFromHandle() : null,
                    m.grantedAccess(row) == -1 ? null : m.grantedAccess(row),
                    HandleTables.process(m, m.creatingProcess(row)), HandleTables.process(m, m.closingProcess(row)),
                    time(h.createTimeNanos()), time(h.closeTimeNanos()), index(m.openedSnapshot(row)),
                    index(m.closedSnapshot(row)), h.outstanding(),
                    HandleTables.frames(m, h.processKey(), m.createStackId(row), resolver));
        }
        return b.build();
    }

    private static Long time(long nanos) {
        return nanos == ModelConstants.TIME_UNKNOWN ? null : nanos;
    }

    private static Long index(int i) {
        return i < 0 ? null : (long) i;
    }
}

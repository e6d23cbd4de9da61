package org.handlelens.report.tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.StackTrace;
import org.handlelens.model.query.Group;
import org.handlelens.model.query.GroupResult;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.model.query.KeyValue;
import org.handlelens.model.query.RowSelection;
import org.handlelens.model.spi.FrameSymbolizer;
import org.handlelens.report.render.CellKind;
import org.handlelens.report.render.ListTable;
import org.handlelens.report.render.ProcessCell;
import org.handlelens.report.render.TableColumn;
import org.handlelens.report.render.TableResult;

/** Tables of handles and of handle groups over a model, shared by the CLI and the HTML report. */
public final class HandleTables {
    /** Columns of the handle list, keys as in the {@code handles --format json} contract. */
    public static final List<TableColumn> HANDLE_COLUMNS = List.of(
            new TableColumn("process", "Owning Process", CellKind.PROCESS),
            new TableColumn("processImage", "Image", CellKind.TEXT),
            new TableColumn("handle", "Handle", CellKind.HEX_INTEGER),
            new TableColumn("object", "Object", CellKind.ADDRESS),
            new TableColumn("type", "Handle Type", CellKind.TEXT),
            new TableColumn("name", "Name", CellKind.TEXT),
            new TableColumn("grantedAccess", "Granted Access", CellKind.HEX_INTEGER),
            new TableColumn("creatingProcess", "Creating Process", CellKind.PROCESS),
            new TableColumn("closingProcess", "Closing Process", CellKind.PROCESS),
            new TableColumn("createTime", "Create Time", CellKind.TIME),
            new TableColumn("closeTime", "Close Time", CellKind.TIME),
            new TableColumn("createStack", "Create Stack", CellKind.FRAMES));

    private HandleTables() {
    }

    /**
     * The handles of {@code rows}, computed on demand. Frames without text are resolved with
     * {@code resolver} when given, else printed as {@code 0x}-hex addresses.
     *
     * @param withImageColumn false drops "processImage" (the text table shows it in the process label)
     */
    public static TableResult handles(HandleModel m, RowSelection rows, FrameSymbolizer.Resolver resolver,
            boolean withImageColumn) {
        return handles(m, rows.size(), rows::row, resolver, withImageColumn);
    }

    /**
     * The handles of model rows {@code rowAt(0) .. rowAt(rowCount - 1)} in that order (e.g. a table's
     * sorted, filtered order), computed on demand; otherwise as
     * {@link #handles(HandleModel, RowSelection, FrameSymbolizer.Resolver, boolean)}.
     */
    public static TableResult handles(HandleModel m, int rowCount, IntUnaryOperator rowAt,
            FrameSymbolizer.Resolver resolver, boolean withImageColumn) {
        List<TableColumn> cols = withImageColumn ? HANDLE_COLUMNS
                : HANDLE_COLUMNS.stream().filter(c -> !c.key().equals("processImage")).toList();
        boolean shifted = !withImageColumn;
        return new TableResult() {
            @Override
            public List<TableColumn> columns() {
                return cols;
            }

            @Override
            public int rowCount() {
                return rowCount;
            }

            @Override
            public Instant timeBase() {
                return m.source().startTime();
            }

            @Override
            public Object value(int r, int c) {
                int row = rowAt.applyAsInt(r);
                int col = shifted && c >= 1 ? c + 1 : c;
                return switch (col) {
                    case 0 -> process(m, m.owningProcess(row));
                    case 1 -> m.process(m.owningProcess(row)).image();
                    case 2 -> m.handleValue(row);
                    case 3 -> unknownIfMinus1(m.objectAddress(row));
                    case 4 -> m.typeName(row);
                    case 5 -> m.objectName(row);
                    case 6 -> unknownIfMinus1(m.grantedAccess(row));
                    case 7 -> process(m, m.creatingProcess(row));
                    case 8 -> process(m, m.closingProcess(row));
                    case 9 -> time(m.createTimeNanos(row));
                    case 10 -> time(m.closeTimeNanos(row));
                    case 11 -> frames(m, m.owningProcess(row), m.createStackId(row), resolver);
                    default -> throw new IndexOutOfBoundsException(c);
                };
            }
        };
    }

    /**
     * Groups as a table: one column per key (kebab-case keys), then {@code count} and {@code outstanding}.
     */
    public static TableResult groups(HandleModel m, GroupResult result, FrameSymbolizer.Resolver resolver) {
        List<TableColumn> cols = new ArrayList<>();
        for (HandleColumn c : result.columns()) {
            cols.add(new TableColumn(c.key(), c.displayName(), kindOf(c)));
        }
        cols.add(new TableColumn("count", "Count", CellKind.INTEGER));
        cols.add(new TableColumn("outstanding", "Outstanding", CellKind.INTEGER));
        ListTable.Builder b = ListTable.builder(cols, m.source().startTime());
        for (Group g : result.groups()) {
            Object[] values = new Object[cols.size()];
            for (int i = 0; i < g.keys().size(); i++) {
                values[i] = keyCell(m, g, g.keys().get(i), resolver);
            }
            values[cols.size() - 2] = g.count();
            values[cols.size() - 1] = g.outstanding();
            b.add(values);
        }
        return b.build();
    }

    private static CellKind kindOf(HandleColumn c) {
        return switch (c) {
            case CLOSING_PROCESS, OWNING_PROCESS, CREATING_PROCESS, TYPE, NAME -> CellKind.TEXT;
            case CREATE_STACK -> CellKind.FRAMES;
            case HANDLE, GRANTED_ACCESS -> CellKind.HEX_INTEGER;
            case OBJECT -> CellKind.ADDRESS;
            case CREATE_TIME, CLOSE_TIME -> CellKind.TIME;
            case CREATE_THREAD -> CellKind.INTEGER;
        };
    }

    private static Object keyCell(HandleModel m, Group g, KeyValue k, FrameSymbolizer.Resolver resolver) {
        if (k.column() == HandleColumn.CREATE_STACK) {
            int owner = g.rows().size() == 0 ? -1 : m.owningProcess(g.rows().row(0));
            return frames(m, owner, (int) k.code(), resolver);
        }
        return k.value();
    }

    /** A process cell, null for Unknown. */
    public static ProcessCell process(HandleModel m, int key) {
        ProcessRecord p = m.process(key);
        return p == null ? null : new ProcessCell(p.pid(), p.label());
    }

    private static Long unknownIfMinus1(long v) {
        return v == -1 ? null : v;
    }

    private static Long time(long nanos) {
        return nanos == ModelConstants.TIME_UNKNOWN ? null : nanos;
    }

    /** Frame texts of a stack, resolving address-only frames with {@code resolver}; null for no stack. */
    public static List<String> frames(HandleModel m, int processKey, int stackId, FrameSymbolizer.Resolver resolver) {
        StackTrace s = m.stack(stackId);
        if (s == null) {
            return null;
        }
        List<String> out = new ArrayList<>(s.frameCount());
        for (int i = 0; i < s.frameCount(); i++) {
            String text = s.frameName(i);
            if (text == null && resolver != null && s.frameAddress(i) != 0 && processKey >= 0) {
                text = resolver.resolve(processKey, s.frameAddress(i));
            }
            out.add(text != null ? text : s.frameText(i));
        }
        return out;
    }
}

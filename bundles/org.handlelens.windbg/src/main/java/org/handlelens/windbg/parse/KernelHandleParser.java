package org.handlelens.windbg.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel-debugger {@code !handle}: {@code processor number} line, {@code Handle table at} line, and
 * per-handle blocks (entry line, then optional Object/Type, ObjectHeader, counts and Name lines).
 */
final class KernelHandleParser extends BlockParser {
    private static final String HEX = "([0-9a-fA-F`]{1,17})";
    private static final Pattern PROCESSOR = Pattern.compile(
            "^processor number\\s+\\d+(?:,\\s*process\\s+" + HEX + ")?\\s*$");
    private static final Pattern TABLE = Pattern.compile(
            "^(Kernel\\s+)?(?:New version of\\s+)?[Hh]andle table at\\s+" + HEX
                    + "\\s+with\\s+(\\d{1,18})\\s+[Ee]ntries in use\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^" + HEX + ":\\s+Object:\\s*" + HEX
            + "\\s+GrantedAccess:\\s*([0-9a-fA-F]{1,8})((?:\\s*\\([^)]*\\))*)(?:\\s+Entry:\\s*" + HEX + ")?\\s*$");
    private static final Pattern FREE = Pattern.compile(
            "^" + HEX + ":\\s+free handle,\\s*Entry address\\s+" + HEX + ",\\s*Next Entry\\s+" + HEX + "\\s*$");
    private static final Pattern OBJECT_TYPE = Pattern.compile(
            "^Object:\\s*" + HEX + "\\s+Type:\\s*\\(" + HEX + "\\)\\s*(.*)$");
    private static final Pattern OBJECT_HEADER = Pattern.compile("^ObjectHeader:\\s*" + HEX + "(?:\\s*\\([^)]*\\))?$");
    private static final Pattern COUNTS = Pattern.compile("^HandleCount:\\s*(\\d{1,18})\\s+PointerCount:\\s*(\\d{1,18})$");
    private static final Pattern NAME = Pattern.compile("^(?:Directory Object:\\s*" + HEX + "\\s+)?Name:(.*)$");

    private static final Pattern FLAG_SEPARATORS = Pattern.compile("[()\\s,]+");

    private Entry entry;

    KernelHandleParser(ParseContext ctx) {
        super(ctx);
    }

    /** Mutable while its lines arrive. */
    private static final class Entry {
        ProcessRef owner;
        boolean kernelTable;
        long handle;
        Long object;
        Long access;
        List<String> flags = new ArrayList<>();
        Long entryAddress;
        String type;
        Long typeObject;
        Long header;
        Long handleCount;
        Long pointerCount;
        Long directory;
        String name;
        int line;
    }

    @Override
    boolean offer(Line line) {
        String t = line.text();
        Matcher m;
        if (t.contains("Object:") && (m = ENTRY.matcher(t)).matches() && Hex.parse(m.group(1)) != null) {
            flush();
            entry = new Entry();
            entry.owner = ctx.kernelHandleOwner();
            entry.kernelTable = ctx.kernelTable;
            entry.handle = Hex.parse(m.group(1));
            entry.object = Hex.parse(m.group(2));
            entry.access = Hex.parse(m.group(3));
            for (String f : FLAG_SEPARATORS.split(m.group(4))) {
                if (!f.isEmpty()) {
                    entry.flags.add(f);
                }
            }
            entry.entryAddress = Hex.parse(m.group(5));
            entry.line = line.number();
            return true;
        }
        if (entry != null) {
            if (t.startsWith("Object:") && (m = OBJECT_TYPE.matcher(t)).matches()) {
                entry.object = entry.object != null ? entry.object : Hex.parse(m.group(1));
                entry.typeObject = Hex.parse(m.group(2));
                entry.type = m.group(3).strip();
                return true;
            }
            if (t.startsWith("ObjectHeader:") && (m = OBJECT_HEADER.matcher(t)).matches()) {
                entry.header = Hex.parse(m.group(1));
                return true;
            }
            if (t.startsWith("HandleCount:") && (m = COUNTS.matcher(t)).matches()) {
                entry.handleCount = Hex.parseDecimal(m.group(1));
                entry.pointerCount = Hex.parseDecimal(m.group(2));
                return true;
            }
            if (t.contains("Name:") && (m = NAME.matcher(t)).matches()) {
                entry.directory = Hex.parse(m.group(1));
                String name = m.group(2).strip();
                entry.name = name.isEmpty() ? null : name;
                return true;
            }
        }
        if (t.contains("free handle") && (m = FREE.matcher(t)).matches()) {
            flush(); // free entries are not handles
            return true;
        }
        // HEX admits 17 digits (one backtick) and bare backticks, which Hex rejects: then it is no table line
        if (t.contains("andle table at") && (m = TABLE.matcher(t)).matches() && Hex.parse(m.group(2)) != null) {
            flush();
            ProcessRef owner = ctx.kernelHandleOwner();
            ctx.tableOwner = owner;
            ctx.kernelTable = m.group(1) != null;
            ctx.listener.handleTable(new HandleTable(owner, Hex.parse(m.group(2)), Long.parseLong(m.group(3)),
                    ctx.kernelTable, line.number()));
            return true;
        }
        if (t.startsWith("processor number") && (m = PROCESSOR.matcher(t)).matches()) {
            flush();
            if (m.group(1) != null) {
                ctx.contextEprocess = Hex.parse(m.group(1));
            }
            ctx.lastProcess = null; // the PROCESS header printed next names the owner
            ctx.tableOwner = null;
            ctx.kernelTable = false;
            return true;
        }
        return false;
    }

    @Override
    void flush() {
        if (entry == null) {
            return;
        }
        Entry e = entry;
        entry = null;
        ctx.blocks++;
        ctx.listener.handle(new WinDbgHandle(e.owner, HandleListing.KERNEL, e.handle, e.object, e.access, List.of(),
                e.flags, e.entryAddress, e.type, e.typeObject, e.header, e.handleCount, e.pointerCount, e.directory,
                e.name, null, List.of(), e.kernelTable, e.line));
    }
}

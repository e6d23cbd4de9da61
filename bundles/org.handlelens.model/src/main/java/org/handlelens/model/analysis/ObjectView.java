package org.handlelens.model.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.handlelens.model.HandleModel;
import org.handlelens.model.ModelConstants;

/**
 * Kernel objects and all their handles across processes (create, duplicate into another process,
 * close), with the object's lifetime — the ETWAnalyzer-style object view. Objects are identified by
 * their address; rows without an address are not objects here.
 */
public final class ObjectView {
    private ObjectView() {
    }

    /**
     * One handle to an object.
     *
     * @param row                  model row
     * @param processKey           owning process key
     * @param processLabel         owning process label
     * @param handle               handle value
     * @param createTimeNanos      TIME_UNKNOWN when unknown (pre-existing or untimed)
     * @param closeTimeNanos       TIME_UNKNOWN when open at the end or unknown
     * @param duplicatedFromProcess label of the process it was duplicated from, null when not a duplicate
     * @param duplicatedFromHandle handle value in that process, -1 when not a duplicate
     * @param outstanding          still open at the end
     */
    public record ObjectHandle(int row, int processKey, String processLabel, long handle, long createTimeNanos,
            long closeTimeNanos, String duplicatedFromProcess, long duplicatedFromHandle, boolean outstanding) {
    }

    /**
     * One object.
     *
     * @param objectAddress   kernel address
     * @param type            object type ("" when unknown)
     * @param name            object name, null when none
     * @param handles         its handles, by create time (unknown first)
     * @param firstSeenNanos  earliest create time of a handle; TIME_UNKNOWN when one existed before the source
     *                        or the source has no times
     * @param lastSeenNanos   latest close time; TIME_UNKNOWN when a handle is still open at the end or times are unknown
     * @param lifetimeNanos   how long the object was seen open in the source: from first create (or the source
     *                        start) to last close (or the source end); TIME_UNKNOWN without times
     * @param processCount    distinct owning processes
     * @param openAtEnd       a handle to it is still open at the end
     */
    public record ObjectHistory(long objectAddress, String type, String name, List<ObjectHandle> handles,
            long firstSeenNanos, long lastSeenNanos, long lifetimeNanos, int processCount, boolean openAtEnd) {
        public ObjectHistory {
            handles = List.copyOf(handles);
        }

        /** Handles to the object still open at the end of the source. */
        public int openHandleCount() {
            int n = 0;
            for (ObjectHandle h : handles) {
                n += h.outstanding() ? 1 : 0;
            }
            return n;
        }

        /** Owning process labels in first-handle order, each once. */
        public List<String> processLabels() {
            return handles.stream().map(ObjectHandle::processLabel).distinct().toList();
        }
    }

    /**
     * Object filter; null / TIME_UNKNOWN / 0 fields do not filter.
     *
     * @param namePattern      compiled from a glob ({@code *Event*}) or a regex ({@code re:...}), matched
     *                         against the whole name, case-insensitive
     * @param type             object type, case-insensitive
     * @param minLifetimeNanos only objects open at least this long (known lifetime)
     * @param processPid       only objects with a handle in a process of this pid
     * @param processName      only objects with a handle in a process of this image name, case-insensitive
     * @param minProcesses     only objects with handles in at least this many processes (2 = shared objects)
     */
    public record ObjectFilter(Pattern namePattern, String type, long minLifetimeNanos, Integer processPid,
            String processName, int minProcesses) {
        /** Keeps every object. */
        public static final ObjectFilter ALL = new ObjectFilter(null, null, ModelConstants.TIME_UNKNOWN, null, null,
                0);

        /**
         * Name pattern: {@code re:REGEX} is a regular expression, anything else a glob with {@code *} and
         * {@code ?}. Both match the whole name, ignoring case.
         *
         * @throws IllegalArgumentException an invalid regular expression, with the reason
         */
        public ObjectFilter withName(String pattern) {
            return new ObjectFilter(compile(pattern), type, minLifetimeNanos, processPid, processName, minProcesses);
        }

        /** Only objects of {@code t}. */
        public ObjectFilter withType(String t) {
            return new ObjectFilter(namePattern, t, minLifetimeNanos, processPid, processName, minProcesses);
        }

        /** Only objects open at least {@code nanos}. */
        public ObjectFilter withMinLifetime(long nanos) {
            return new ObjectFilter(namePattern, type, nanos, processPid, processName, minProcesses);
        }

        /**
         * Only objects with a handle in a process given by pid (decimal or {@code 0x} hex) or, when
         * {@code pidOrName} is not a number, by image name (as {@code handles --process}).
         */
        public ObjectFilter withProcess(String pidOrName) {
            try {
                int pid = pidOrName.startsWith("0x") ? Integer.parseInt(pidOrName.substring(2), 16)
                        : Integer.parseInt(pidOrName);
                return new ObjectFilter(namePattern, type, minLifetimeNanos, pid, null, minProcesses);
            } catch (NumberFormatException e) {
                return new ObjectFilter(namePattern, type, minLifetimeNanos, null, pidOrName, minProcesses);
            }
        }

        /** Only objects with handles in at least {@code n} processes. */
        public ObjectFilter withMinProcesses(int n) {
            return new ObjectFilter(namePattern, type, minLifetimeNanos, processPid, processName, n);
        }

        /** True when {@code o} of model {@code m} passes (its handle list is consulted for the process). */
        public boolean test(HandleModel m, ObjectHistory o) {
            int[] rows = o.handles().stream().mapToInt(ObjectHandle::row).toArray();
            return test(m, o, rows, 0, rows.length);
        }

        /** Test of a summary whose handles are the model rows {@code rows[from..to)}. */
        boolean test(HandleModel m, ObjectHistory o, int[] rows, int from, int to) {
            return o.processCount() >= minProcesses && processMatches(m, rows, from, to) && test(o);
        }

        /** True when one of the rows is held by the filter's process (or no process is given). */
        private boolean processMatches(HandleModel m, int[] rows, int from, int to) {
            if (processPid == null && processName == null) {
                return true;
            }
            for (int i = from; i < to; i++) {
                org.handlelens.model.ProcessRecord p = m.process(m.owningProcess(rows[i]));
                if (p != null && (processPid != null ? p.pid() == processPid
                        : p.image().equalsIgnoreCase(processName))) {
                    return true;
                }
            }
            return false;
        }

        private boolean test(ObjectHistory o) {
            if (namePattern != null && (o.name() == null || !namePattern.matcher(o.name()).matches())) {
                return false;
            }
            if (type != null && !type.equalsIgnoreCase(o.type())) {
                return false;
            }
            return minLifetimeNanos == ModelConstants.TIME_UNKNOWN
                    || o.lifetimeNanos() != ModelConstants.TIME_UNKNOWN && o.lifetimeNanos() >= minLifetimeNanos;
        }

        static Pattern compile(String pattern) {
            if (pattern.startsWith("re:")) {
                try {
                    return Pattern.compile(pattern.substring(3), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("invalid regular expression '" + pattern.substring(3) + "': "
                            + e.getDescription());
                }
            }
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        }
    }

    /** The object at {@code objectAddress} with its handles; null when no row names it. */
    public static ObjectHistory of(HandleModel m, long objectAddress) {
        int count = 0;
        for (int row = 0; row < m.rowCount(); row++) {
            count += m.objectAddress(row) == objectAddress ? 1 : 0;
        }
        if (count == 0) {
            return null;
        }
        int[] rows = new int[count];
        for (int row = 0, i = 0; row < m.rowCount(); row++) {
            if (m.objectAddress(row) == objectAddress) {
                rows[i++] = row;
            }
        }
        return history(m, objectAddress, rows, 0, count, true, org.handlelens.model.query.CountOverTime.spanNanos(m));
    }

    /** Objects passing {@code filter}, longest lifetime first (unknown last), then by address; at most {@code limit} (0 = all). */
    public static List<ObjectHistory> find(HandleModel m, ObjectFilter filter, int limit) {
        return search(m, filter, limit).objects();
    }

    /**
     * Objects passing {@code filter} with the number that passed before the limit was applied (a list
     * page says "20 of 1,234").
     *
     * @param objects    at most {@code limit} objects (all when limit is 0), in {@link #find} order
     * @param matchCount how many objects passed the filter
     */
    public record Found(List<ObjectHistory> objects, int matchCount) {
        public Found {
            objects = List.copyOf(objects);
        }
    }

    /** Sort key of a matching object: its group in the row index, lifetime (MIN_VALUE = unknown), address. */
    private record Candidate(int group, long lifetimeKey, long address) {
    }

    /** Best first: longest lifetime (unknown last), then lowest address. */
    private static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::lifetimeKey).reversed()
            .thenComparing(Candidate::address, Long::compareUnsigned);

    /**
     * {@link #find} plus the count of all matches. Memory: one int per row with an object address plus
     * {@code limit} histories — objects are summarised without their handle lists, and only the page is
     * built in full, so a trace with tens of millions of handles can be searched.
     */
    public static Found search(HandleModel m, ObjectFilter filter, int limit) {
        // group rows by object address: count per object, then place row indexes contiguously (CSR)
        AddressIds ids = new AddressIds();
        int[] counts = new int[1024];
        int n = m.rowCount();
        for (int row = 0; row < n; row++) {
            long a = m.objectAddress(row);
            if (a != -1) {
                int id = ids.idOf(a);
                if (id == counts.length) {
                    counts = java.util.Arrays.copyOf(counts, counts.length * 2);
                }
                counts[id]++;
            }
        }
        int objects = ids.size();
        int[] start = new int[objects + 1];
        for (int i = 0; i < objects; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        int[] fill = java.util.Arrays.copyOf(start, objects);
        int[] rows = new int[start[objects]];
        for (int row = 0; row < n; row++) {
            long a = m.objectAddress(row);
            if (a != -1) {
                rows[fill[ids.idOf(a)]++] = row;
            }
        }
        long span = org.handlelens.model.query.CountOverTime.spanNanos(m); // once: it may scan every row
        java.util.PriorityQueue<Candidate> worstFirst = new java.util.PriorityQueue<>(ORDER.reversed());
        List<Candidate> all = new ArrayList<>();
        int matches = 0;
        for (int g = 0; g < objects; g++) {
            ObjectHistory summary = history(m, ids.address(g), rows, start[g], start[g + 1], false, span);
            if (!filter.test(m, summary, rows, start[g], start[g + 1])) {
                continue;
            }
            matches++;
            Candidate c = new Candidate(g, summary.lifetimeNanos() == ModelConstants.TIME_UNKNOWN ? Long.MIN_VALUE
                    : summary.lifetimeNanos(), summary.objectAddress());
            if (limit <= 0) {
                all.add(c);
            } else if (worstFirst.size() < limit) {
                worstFirst.add(c);
            } else if (ORDER.compare(c, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(c);
            }
        }
        if (limit > 0) {
            all.addAll(worstFirst);
        }
        all.sort(ORDER);
        List<ObjectHistory> page = new ArrayList<>(all.size());
        for (Candidate c : all) {
            page.add(history(m, c.address(), rows, start[c.group()], start[c.group() + 1], true, span));
        }
        return new Found(page, matches);
    }

    /** Object address → dense id (0, 1, ...), open addressing over primitive arrays (no boxing per row). */
    private static final class AddressIds {
        private long[] keys = new long[1 << 12];
        private int[] values = new int[1 << 12];
        private long[] byId = new long[1 << 10];
        private int size;

        AddressIds() {
            java.util.Arrays.fill(values, -1);
        }

        int idOf(long address) {
            int mask = keys.length - 1;
            int i = (int) (mix(address) & mask);
            while (values[i] >= 0) {
                if (keys[i] == address) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            if (size == byId.length) {
                byId = java.util.Arrays.copyOf(byId, size * 2);
            }
            byId[size] = address;
            keys[i] = address;
            values[i] = size;
            if (++size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        long address(int id) {
            return byId[id];
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            java.util.Arrays.fill(values, -1);
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldValues[j] >= 0) {
                    int i = (int) (mix(oldKeys[j]) & mask);
                    while (values[i] >= 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            return x ^ (x >>> 33);
        }
    }

    /**
     * The history of the object at {@code address} from {@code rows[from..to)}; without its handle list
     * (empty) when {@code withHandles} is false (a summary for filtering and ranking); {@code spanNanos}
     * is the source's span ({@link org.handlelens.model.query.CountOverTime#spanNanos}).
     */
    private static ObjectHistory history(HandleModel m, long address, int[] rows, int from, int to,
            boolean withHandles, long spanNanos) {
        String type = "";
        String name = null;
        List<ObjectHandle> handles = new ArrayList<>(withHandles ? to - from : 0);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean startsBefore = false;
        boolean openAtEnd = false;
        boolean anyTime = false;
        int[] owners = new int[to - from];
        for (int i = from; i < to; i++) {
            int row = rows[i];
            if (type.isEmpty() && m.typeName(row) != null) {
                type = m.typeName(row);
            }
            if (name == null) {
                name = m.objectName(row);
            }
            long c = m.createTimeNanos(row);
            long d = m.closeTimeNanos(row);
            boolean out = m.isOutstanding(row);
            anyTime |= c != ModelConstants.TIME_UNKNOWN || d != ModelConstants.TIME_UNKNOWN;
            if (c == ModelConstants.TIME_UNKNOWN) {
                startsBefore = true;
            } else {
                first = Math.min(first, c);
            }
            if (out) {
                openAtEnd = true;
            } else if (d != ModelConstants.TIME_UNKNOWN) {
                last = Math.max(last, d);
            }
            owners[i - from] = m.owningProcess(row);
            if (withHandles) {
                int dupFrom = m.duplicatedFromProcess(row);
                handles.add(new ObjectHandle(row, m.owningProcess(row), m.processLabel(m.owningProcess(row)),
                        m.handleValue(row), c, d, dupFrom < 0 && m.duplicatedFromHandle(row) == -1 ? null
                                : m.processLabel(dupFrom), m.duplicatedFromHandle(row), out));
            }
        }
        handles.sort(Comparator.comparingLong(ObjectHandle::createTimeNanos).thenComparingInt(ObjectHandle::row));
        java.util.Arrays.sort(owners);
        int processCount = 0;
        for (int i = 0; i < owners.length; i++) {
            processCount += i == 0 || owners[i] != owners[i - 1] ? 1 : 0;
        }
        long span = spanNanos;
        long firstSeen = startsBefore || first == Long.MAX_VALUE ? ModelConstants.TIME_UNKNOWN : first;
        long lastSeen = openAtEnd || last == Long.MIN_VALUE ? ModelConstants.TIME_UNKNOWN : last;
        long lifetime = ModelConstants.TIME_UNKNOWN;
        if (anyTime && span > 0) {
            long begin = firstSeen == ModelConstants.TIME_UNKNOWN ? 0 : firstSeen;
            long end = lastSeen == ModelConstants.TIME_UNKNOWN ? span : lastSeen;
            lifetime = Math.max(0, end - begin);
        }
        return new ObjectHistory(address, type, name, handles, firstSeen, lastSeen, lifetime, processCount,
                openAtEnd);
    }
}

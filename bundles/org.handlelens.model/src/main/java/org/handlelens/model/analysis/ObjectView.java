package org.handlelens.model.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

        /** True when a handle of {@code o} is held by the filter's process (or no process is given). */
        private boolean processMatches(HandleModel m, ObjectHistory o) {
            if (processPid == null && processName == null) {
                return true;
            }
            for (ObjectHandle h : o.handles()) {
                org.handlelens.model.ProcessRecord p = m.process(h.processKey());
                if (p != null && (processPid != null ? p.pid() == processPid
                        : p.image().equalsIgnoreCase(processName))) {
                    return true;
                }
            }
            return false;
        }

        /** True when {@code o} of model {@code m} passes. */
        public boolean test(HandleModel m, ObjectHistory o) {
            return o.processCount() >= minProcesses && processMatches(m, o) && test(o);
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
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < m.rowCount(); row++) {
            if (m.objectAddress(row) == objectAddress) {
                rows.add(row);
            }
        }
        return rows.isEmpty() ? null : history(m, objectAddress, rows);
    }

    /** Objects passing {@code filter}, longest lifetime first (unknown last), then by address; at most {@code limit} (0 = all). */
    public static List<ObjectHistory> find(HandleModel m, ObjectFilter filter, int limit) {
        List<ObjectHistory> all = findAll(m, filter);
        return limit > 0 && all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
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

    /** {@link #find} plus the count of all matches. */
    public static Found search(HandleModel m, ObjectFilter filter, int limit) {
        List<ObjectHistory> all = findAll(m, filter);
        return new Found(limit > 0 && all.size() > limit ? all.subList(0, limit) : all, all.size());
    }

    private static List<ObjectHistory> findAll(HandleModel m, ObjectFilter filter) {
        Map<Long, List<Integer>> byObject = new HashMap<>();
        for (int row = 0; row < m.rowCount(); row++) {
            long a = m.objectAddress(row);
            if (a != -1) {
                byObject.computeIfAbsent(a, k -> new ArrayList<>()).add(row);
            }
        }
        List<ObjectHistory> out = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : byObject.entrySet()) {
            ObjectHistory h = history(m, e.getKey(), e.getValue());
            if (filter.test(m, h)) {
                out.add(h);
            }
        }
        out.sort(Comparator.comparingLong((ObjectHistory h) -> h.lifetimeNanos() == ModelConstants.TIME_UNKNOWN
                ? Long.MIN_VALUE : h.lifetimeNanos()).reversed()
                .thenComparing(ObjectHistory::objectAddress, Long::compareUnsigned));
        return List.copyOf(out);
    }

    private static ObjectHistory history(HandleModel m, long address, List<Integer> rows) {
        String type = "";
        String name = null;
        List<ObjectHandle> handles = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean startsBefore = false;
        boolean openAtEnd = false;
        boolean anyTime = false;
        java.util.Set<Integer> procs = new java.util.HashSet<>();
        for (int row : rows) {
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
            procs.add(m.owningProcess(row));
            int dupFrom = m.duplicatedFromProcess(row);
            handles.add(new ObjectHandle(row, m.owningProcess(row), m.processLabel(m.owningProcess(row)),
                    m.handleValue(row), c, d, dupFrom < 0 && m.duplicatedFromHandle(row) == -1 ? null
                            : m.processLabel(dupFrom), m.duplicatedFromHandle(row), out));
        }
        handles.sort(Comparator.comparingLong(ObjectHandle::createTimeNanos).thenComparingInt(ObjectHandle::row));
        long span = org.handlelens.model.query.CountOverTime.spanNanos(m);
        long firstSeen = startsBefore || first == Long.MAX_VALUE ? ModelConstants.TIME_UNKNOWN : first;
        long lastSeen = openAtEnd || last == Long.MIN_VALUE ? ModelConstants.TIME_UNKNOWN : last;
        long lifetime = ModelConstants.TIME_UNKNOWN;
        if (anyTime && span > 0) {
            long from = firstSeen == ModelConstants.TIME_UNKNOWN ? 0 : firstSeen;
            long to = lastSeen == ModelConstants.TIME_UNKNOWN ? span : lastSeen;
            lifetime = Math.max(0, to - from);
        }
        return new ObjectHistory(address, type, name, handles, firstSeen, lastSeen, lifetime, procs.size(), openAtEnd);
    }
}

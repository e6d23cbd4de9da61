package org.handlelens.etw.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.handlelens.etw.kernel.DbgIdRsdsEvent;
import org.handlelens.etw.kernel.ImageEvent;
import org.handlelens.etw.kernel.ImageIdEvent;
import org.handlelens.etw.kernel.LifecycleKind;
import org.handlelens.model.HandleModelBuilder;
import org.handlelens.model.ModelConstants;
import org.handlelens.model.ModuleRecord;

/**
 * Image loads per process (rundown duplicates merged by base) and their PDB identity from
 * KernelTraceControl DbgID_RSDS, joined by (pid, base) and, failing that, by base alone.
 */
final class ModuleCollector {
    private static final class Module {
        final int processKey;
        final int pid;
        final ImageEvent image;
        final long loadNanos;
        long unloadNanos = ModelConstants.TIME_UNKNOWN;

        Module(int processKey, int pid, ImageEvent image, long loadNanos) {
            this.processKey = processKey;
            this.pid = pid;
            this.image = image;
            this.loadNanos = loadNanos;
        }
    }

    private record Pdb(UUID guid, int age, String name) {
    }

    private final List<Module> modules = new ArrayList<>();
    private final Map<Long, Module> loaded = new HashMap<>(); // processKey<<48 ^ base → currently loaded
    private final Map<Long, Pdb> pdbByPidBase = new HashMap<>();
    private final Map<Long, Pdb> pdbByBase = new HashMap<>();

    private static long key(long a, long base) {
        return a * 0x9E3779B97F4A7C15L ^ base;
    }

    void image(int processKey, ImageEvent e, long timeNanos) {
        long k = key(processKey, e.imageBase());
        Module m = loaded.get(k);
        if (e.kind() == LifecycleKind.END) {
            if (m != null) {
                m.unloadNanos = timeNanos;
                loaded.remove(k);
            }
            return;
        }
        if (m != null && m.image.imageSize() == e.imageSize()) {
            return; // rundown of a module already known
        }
        long load = e.kind() == LifecycleKind.START ? timeNanos : ModelConstants.TIME_UNKNOWN;
        m = new Module(processKey, e.processId(), e, load);
        modules.add(m);
        loaded.put(k, m);
    }

    void imageId(ImageIdEvent e) {
        // the original file name is not needed by the model (the load event has the path)
    }

    void dbgId(int headerPid, DbgIdRsdsEvent e) {
        Pdb p = new Pdb(e.pdbGuid(), e.age(), e.pdbFileName());
        int pid = e.processId() != 0 ? e.processId() : headerPid;
        pdbByPidBase.put(key(pid, e.imageBase()), p);
        pdbByBase.put(e.imageBase(), p);
    }

    void addTo(HandleModelBuilder b) {
        for (Module m : modules) {
            ImageEvent e = m.image;
            Pdb p = pdbByPidBase.get(key(m.pid, e.imageBase()));
            if (p == null) {
                p = pdbByBase.get(e.imageBase());
            }
            b.addModule(m.processKey, new ModuleRecord(e.imageBase(), e.imageSize(), e.fileName(),
                    Integer.toUnsignedLong(e.timeDateStamp()), Integer.toUnsignedLong(e.checksum()),
                    p == null ? null : p.guid(), p == null ? -1 : p.age(), p == null ? null : p.name(), m.loadNanos,
                    m.unloadNanos));
        }
    }

    int moduleCount() {
        return modules.size();
    }
}

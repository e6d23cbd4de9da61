package org.handlelens.model;

/**
 * The WinDbg session of seed 004 (shared/seeds/004_*.txt: "!process 0 0" and "!handle" of smss.exe),
 * transcribed into builder calls so model tests run on real values without depending on the parser.
 */
final class Seed004 {
    private Seed004() {
    }

    static HandleModel model() {
        HandleModelBuilder b = new HandleModelBuilder(new SourceInfo("windbg", "004_f02eea20df4c3f54.txt", null, null, 4));
        b.addOrMergeProcess(new ProcessRecord(0x8a5295f0L, 0x4, 0, null, "System", 1056, ProcessRecord.TIME_UNKNOWN,
                ProcessRecord.TIME_UNKNOWN));
        int smss = b.addOrMergeProcess(new ProcessRecord(0x897e6c00L, 0x4fc, 0x4, null, "smss.exe", 21,
                ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
        b.addOrMergeProcess(new ProcessRecord(0x89a26da0L, 0x52c, 0x4fc, 0, "csrss.exe", 691,
                ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
        b.addOrMergeProcess(new ProcessRecord(0x890f0da0L, 0x548, 0x4fc, 0, "winlogon.exe", 986,
                ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
        b.addOrMergeProcess(new ProcessRecord(0x89a345a0L, 0x574, 0x548, 0, "services.exe", 396,
                ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
        // the !handle output prints smss.exe a second time
        int again = b.addOrMergeProcess(new ProcessRecord(0x897e6c00L, 0x4fc, 0x4, null, "smss.exe", 21,
                ProcessRecord.TIME_UNKNOWN, ProcessRecord.TIME_UNKNOWN));
        if (again != smss) {
            throw new AssertionError("merge failed");
        }
        b.addHandle(HandleRecord.snapshot(smss, 0x4, 0xe1009568L, "KeyedEvent", "CritSecOutOfMemoryEvent",
                0x000f0003, null, new HandleDetail(53, 54, 0xe1009550L, 0xe1674008L, 0x8a5258b8L, 0xe10030a8L)));
        b.addHandle(HandleRecord.snapshot(smss, 0x8, 0x8910b370L, "File", "\\WINDOWS {HarddiskVolume1}",
                0x00100020, "Inherit", new HandleDetail(1, 1, 0x8910b358L, 0xe1674010L, 0x8a54c730L, 0)));
        b.addHandle(HandleRecord.snapshot(smss, 0xc, 0xe1af9828L, "Port", "SmApiPort", 0x001f0001, null,
                new HandleDetail(1, 12, 0xe1af9810L, 0xe1674018L, 0x8a512ae0L, 0xe1002388L)));
        return b.build();
    }
}

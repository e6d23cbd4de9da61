package org.handlelens.model.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one list of Windows modules whose frames are "not the user's code": leak analysis skips them
 * when it looks for the frame where leaking stacks converge. Module names are compared lower-case,
 * without directory and without {@code .dll/.exe/.sys}.
 */
public final class OsModules {
    /** Exact module names (lower-case, no extension). */
    public static final Set<String> NAMES = Set.of(
            "ntdll", "kernelbase", "kernel32", "ntoskrnl", "ntkrnlpa", "ntkrnlmp", "ntkrpamp", "nt", "hal",
            "ucrtbase", "ucrtbased", "msvcrt", "msvcp_win", "vcruntime140", "vcruntime140d", "msvcp140",
            "combase", "ole32", "oleaut32", "rpcrt4", "sechost", "advapi32", "user32", "gdi32", "gdi32full",
            "shell32", "shlwapi", "shcore", "ws2_32", "mswsock", "crypt32", "bcrypt", "bcryptprimitives",
            "wow64", "wow64win", "wow64cpu", "wow64base", "fltmgr", "cng", "ksecdd", "ntfs", "tcpip", "afd",
            "verifier", "vrfcore", "vfbasics", "apphelp", "windows.storage", "clbcatq", "imm32", "msctf",
            "dwmapi", "uxtheme", "dbghelp", "dbgcore", "winmm", "version", "powrprof", "sspicli", "cfgmgr32");

    /** Name prefixes of OS module families ({@code win32k}, {@code win32kbase}, {@code api-ms-win-*}). */
    public static final List<String> PREFIXES = List.of("win32k", "api-ms-win-", "ext-ms-win-", "msvcr", "msvcp");

    private OsModules() {
    }

    /** True when {@code module} (any case, with or without path and extension) is an OS module. */
    public static boolean isOsModule(String module) {
        if (module == null || module.isEmpty()) {
            return false;
        }
        String m = normalize(module);
        if (NAMES.contains(m)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (m.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case module name without directories and without {@code .dll/.exe/.sys/.drv}. */
    public static String normalize(String module) {
        String m = module.toLowerCase(Locale.ROOT);
        int cut = Math.max(m.lastIndexOf('\\'), m.lastIndexOf('/'));
        m = m.substring(cut + 1);
        for (String ext : List.of(".dll", ".exe", ".sys", ".drv")) {
            if (m.endsWith(ext)) {
                return m.substring(0, m.length() - ext.length());
            }
        }
        return m;
    }

    /**
     * Module part of a frame text: {@code "KERNELBASE!CreateFileW+0x35e"} gives {@code "KERNELBASE"},
     * {@code "myapp+0x1234"} gives {@code "myapp"}; null for an address-only text ({@code "0x7c90e8e5"},
     * {@code "+0x00101991"}).
     */
    public static String moduleOfFrame(String frameText) {
        if (frameText == null || frameText.isEmpty() || frameText.startsWith("0x") || frameText.startsWith("+")) {
            return null;
        }
        int bang = frameText.indexOf('!');
        if (bang > 0) {
            return frameText.substring(0, bang);
        }
        int plus = frameText.indexOf('+');
        return plus > 0 ? frameText.substring(0, plus) : frameText;
    }
}

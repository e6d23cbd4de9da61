package org.handlelens.etw.kernel;

/**
 * CreateHandle (0x1120) / CloseHandle (0x1121). The handle lives in the header process's
 * table, except kernel handles ({@link #isKernelHandle}) which belong to System (pid 4).
 *
 * @param handle     handle value (32 bits)
 * @param objectName usually "" (may be present on CloseHandle)
 */
public record HandleEvent(boolean create, long object, int handle, int objectType, String objectName) {
    /** KERNEL_HANDLE_MASK. */
    public static final int KERNEL_HANDLE_MASK = 0x80000000;

    public static boolean isKernelHandle(int handle) {
        return (handle & KERNEL_HANDLE_MASK) != 0;
    }
}

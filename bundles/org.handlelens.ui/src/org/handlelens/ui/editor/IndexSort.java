package org.handlelens.ui.editor;

/** Stable merge sort of an index permutation by primitive long keys (no boxing). */
final class IndexSort {
    private IndexSort() {
    }

    /** Sorts {@code perm} (indices into {@code keys}) ascending by key, ties by index. */
    static void sort(int[] perm, long[] keys) {
        int[] tmp = new int[perm.length];
        mergeSort(perm, tmp, 0, perm.length, keys);
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] keys) {
        if (to - from < 32) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && keys[a[j]] > keys[v]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, keys);
        mergeSort(a, tmp, mid, to, keys);
        if (keys[a[mid - 1]] <= keys[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && keys[tmp[i]] <= keys[tmp[j]])) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}

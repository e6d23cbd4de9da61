package org.handlelens.report.render;

/**
 * A process in a table cell: the label for people, the pid for machines.
 *
 * @param pid   process id
 * @param label WPA label, e.g. {@code "smss.exe (1276)"}
 */
public record ProcessCell(int pid, String label) {
}

package org.handlelens.report.render;

/**
 * Column metadata of a {@link TableResult}.
 *
 * @param key   machine key (JSON member name, CSV header)
 * @param title human title (text table header)
 * @param kind  how values are written
 */
public record TableColumn(String key, String title, CellKind kind) {
}

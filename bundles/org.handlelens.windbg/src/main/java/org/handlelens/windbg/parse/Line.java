package org.handlelens.windbg.parse;

/**
 * A normalised input line.
 *
 * @param text     the line without prompt, markdown artifacts, leading and trailing white space
 * @param indented true when the original line started with white space
 * @param number   1-based line number in the file
 */
record Line(String text, boolean indented, int number) {
}

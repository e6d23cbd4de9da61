package org.handlelens.symbols.pdb;

import java.util.UUID;

/**
 * Contents of the PDB info stream (stream 1) that matter for matching.
 *
 * @param version   e.g. 20000404 (VC70)
 * @param signature time-stamp signature
 * @param age       info-stream age (may exceed the image age; the DBI age is the better match)
 * @param guid      the PDB GUID, equal to the image's RSDS GUID when they match
 */
public record PdbInfo(long version, long signature, long age, UUID guid) {
}

package org.handlelens.etw;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.handlelens.etw.writer.HandleScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small deterministic mutation slice (not a fuzzer): random byte flips, zeroed runs and cuts of
 * real and generated files must give a result or an EtlFormatException — never another exception,
 * a hang or an OutOfMemoryError.
 */
class MutationRobustnessTest {
    @TempDir
    Path tmp;

    private void mutate(byte[] orig, String name, int rounds, long seed) throws Exception {
        mutate(orig, name, rounds, seed, false);
    }

    private void mutate(byte[] orig, String name, int rounds, long seed, boolean model) throws Exception {
        Random r = new Random(seed);
        Path f = tmp.resolve(name);
        int results = 0;
        for (int i = 0; i < rounds; i++) {
            byte[] b = orig.clone();
            switch (i % 3) {
                case 0 -> {
                    for (int k = 0; k < 1 + r.nextInt(8); k++) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                }
                case 1 -> {
                    int at = r.nextInt(b.length);
                    java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(256)), (byte) (r.nextBoolean() ? 0 : 0xFF));
                }
                default -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            Files.write(f, b);
            long t0 = System.nanoTime();
            try (EtlReader reader = EtlReader.open(f)) {
                reader.read(new CollectingVisitor());
                results++;
            } catch (EtlFormatException expected) {
                assertTrue(expected.getMessage().contains(name));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("round " + i + " of " + name + " (seed " + seed + "): " + e, e);
            }
            if (model) {
                try {
                    new org.handlelens.etw.model.EtlModelSource().load(f, null);
                } catch (org.handlelens.model.SourceFormatException expected) {
                    assertTrue(expected.getMessage().contains(name));
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("model round " + i + " of " + name + " (seed " + seed + "): " + e, e);
                }
            }
            if (System.nanoTime() - t0 > 5_000_000_000L) {
                fail("round " + i + " of " + name + " took more than 5 s");
            }
        }
        assertTrue(results > 0, "some mutants must still be readable");
    }

    @Test
    void realFiles() throws Exception {
        mutate(Files.readAllBytes(TestData.etl("SelfDescribingSingleEvent.etl")), "sdse.etl", 300, 1);
        mutate(Files.readAllBytes(TestData.etl("lxcore_kernel.etl")), "lxcore.etl", 150, 2);
    }

    @Test
    void generatedFiles() throws Exception {
        Path p8 = tmp.resolve("g8.etl");
        HandleScenario.write(p8, 8, true);
        mutate(Files.readAllBytes(p8), "g8c.etl", 300, 3, true);
        Path p4 = tmp.resolve("g4.etl");
        HandleScenario.write(p4, 4, false);
        mutate(Files.readAllBytes(p4), "g4.etl", 300, 4, true);
    }
}

package org.handlelens.ui.load;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.handlelens.model.spi.ModelSource;
import org.handlelens.model.spi.ModelSources;
import org.handlelens.ui.HandleLensUi;

/**
 * Importers contributed to the {@code org.handlelens.ui.modelSources} extension point. The
 * importer bundles stay OSGi-free: their plugin.xml only names a class with a no-arg constructor
 * (the plain-JVM CLI finds the same classes through {@link java.util.ServiceLoader}).
 */
public final class ModelSourceRegistry {
    /** Extension point id. */
    public static final String EXTENSION_POINT = "org.handlelens.ui.modelSources";

    private ModelSourceRegistry() {
    }

    /** All contributed importers; a broken contribution is logged and skipped. */
    public static ModelSources load() {
        List<ModelSource> sources = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor(EXTENSION_POINT)) {
            try {
                Object o = e.createExecutableExtension("class");
                if (o instanceof ModelSource s) {
                    sources.add(s);
                }
            } catch (CoreException ex) {
                HandleLensUi.logError("Importer " + e.getAttribute("class") + " of "
                        + e.getContributor().getName() + " could not be created", ex);
            }
        }
        return new ModelSources(sources);
    }
}

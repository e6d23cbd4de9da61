package org.handlelens.ui.navigator;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.FilePropertySource;
import org.eclipse.ui.views.properties.IPropertySource;
import org.handlelens.ui.HandleLensUi;
import org.handlelens.ui.imports.TraceSummary;
import org.handlelens.ui.project.TraceProjects;

/**
 * Properties view support: traces of trace projects and their process nodes adapt to
 * {@link TracePropertySource}. The IDE registers its own IPropertySource factory for IFile, and the
 * adapter manager consults one factory per adapter type, so plugin.xml registers this one for the
 * workspace's file class (looked up before interfaces) and other files get the IDE's
 * {@link FilePropertySource} from here.
 */
public final class TraceAdapterFactory implements IAdapterFactory {
    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IPropertySource.class || HandleLensUi.getDefault() == null) {
            return null;
        }
        if (adaptable instanceof TraceProcessNode n) {
            return adapterType.cast(new TracePropertySource(n.trace(), summary(n.trace()), n.process()));
        }
        if (adaptable instanceof IFile f) {
            return adapterType.cast(TraceProjects.isTrace(f) ? new TracePropertySource(f, summary(f), null)
                    : new FilePropertySource(f));
        }
        return null;
    }

    private static TraceSummary summary(IFile trace) {
        return HandleLensUi.getDefault().traceSummaries().get(trace);
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IPropertySource.class};
    }
}

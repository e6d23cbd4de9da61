package org.handlelens.ui.editor;

import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.handlelens.model.HandleModel;

/**
 * Lets the analyses an editor starts on opening (the Overview's summary, the Leak Suspects' ranking) run one at a
 * time per model: each scans every row, and two at once on a 2-core machine left the UI thread competing for a core
 * while the Overview was laid out and painted (docs/benchmarks.md). Queries the user asks for later do not take it.
 */
record OpeningAnalysisRule(HandleModel model) implements ISchedulingRule {
    @Override
    public boolean contains(ISchedulingRule rule) {
        return rule == this;
    }

    @Override
    public boolean isConflicting(ISchedulingRule rule) {
        return rule instanceof OpeningAnalysisRule other && other.model == model;
    }
}

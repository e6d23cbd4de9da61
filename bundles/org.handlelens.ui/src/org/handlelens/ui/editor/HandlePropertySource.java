package org.handlelens.ui.editor;

import org.handlelens.model.HandleDetail;
import org.handlelens.model.HandleModel;
import org.handlelens.model.ProcessRecord;
import org.handlelens.model.StackTrace;
import org.handlelens.model.query.HandleColumn;
import org.handlelens.ui.properties.ReadOnlyPropertySource;

/** Read-only properties of one handle (all table columns plus WinDbg object detail and the stack). */
final class HandlePropertySource extends ReadOnlyPropertySource {
    HandlePropertySource(HandleModel model, int row) {
        for (HandleColumn c : HandleColumn.values()) {
            add("Handle", c.displayName(), c.label(model, c.code(model, row)));
        }
        String attributes = model.attributes(row);
        if (attributes != null) {
            add("Handle", "Attributes", attributes);
        }
        HandleDetail detail = model.detail(row);
        if (detail != null) {
            add("Object", "Detail", detail.toString());
        }
        int owner = model.owningProcess(row);
        if (owner >= 0) {
            ProcessRecord p = model.process(owner);
            add("Owning Process", "Image", p.image());
            add("Owning Process", "PID", Integer.toString(p.pid()));
            add("Owning Process", "Parent PID", p.parentPid() < 0 ? "" : Integer.toString(p.parentPid()));
            add("Owning Process", "Handle Count", p.handleCount() < 0 ? "n/a" : Long.toString(p.handleCount()));
        }
        StackTrace stack = model.stack(model.createStackId(row));
        if (stack != null) {
            String[] frames = stack.frameTexts();
            for (int i = 0; i < frames.length; i++) {
                add("Create Stack", String.format("%02d", i), frames[i]);
            }
        }
    }
}

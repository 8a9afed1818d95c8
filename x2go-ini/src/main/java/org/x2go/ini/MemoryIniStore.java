package org.x2go.ini;

import java.util.function.Consumer;


/** An {@link IniStore} without a file, for tests and integrators who keep settings elsewhere. */
final class MemoryIniStore implements IniStore {
    private final String label;
    private final Consumer<IniDocument> normaliser;
    private IniDocument doc;
    private IniDocument saved;

    /**
     * @param label      name for messages
     * @param normaliser fills defaults
     */
    public MemoryIniStore(String label, Consumer<IniDocument> normaliser) {
        this.label = label;
        this.normaliser = normaliser;
        IniDocument d = new IniDocument();
        d.withoutJournal(() -> normaliser.accept(d));
        this.doc = d;
        this.saved = d.copy();
    }

    @Override
    public IniDocument document() {
        return doc;
    }

    @Override
    public String source() {
        return label;
    }

    @Override
    public boolean save() {
        if (!doc.isDirty()) {
            return false;
        }
        doc.clearJournal();
        saved = doc.copy();
        return true;
    }

    @Override
    public void reload() {
        IniDocument d = saved.copy();
        d.withoutJournal(() -> normaliser.accept(d));
        doc = d;
    }
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>berth::client::CopyJob</name>
    <message numerus="yes">
        <source>It was tried %n time(s).</source>
        <translation>
            <numerusform>It was tried %n time.</numerusform>
            <numerusform>It was tried %n times.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::client::DeletionPlan</name>
    <message numerus="yes">
        <source>Delete image %1 with tag(s) %2</source>
        <translation>
            <numerusform>Delete image %1 with tag %2</numerusform>
            <numerusform>Delete image %1 with tags %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (multi-arch: its %n platform manifest(s) become untagged)</source>
        <translation>
            <numerusform> (multi-arch: its %n platform manifest become untagged)</numerusform>
            <numerusform> (multi-arch: its %n platform manifests become untagged)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::BulkDeleteDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n tag(s)&lt;/b&gt; of &lt;b&gt;%1/%2&lt;/b&gt; go: </source>
        <translation>
            <numerusform>&lt;b&gt;%n tag&lt;/b&gt; of &lt;b&gt;%1/%2&lt;/b&gt; go: </numerusform>
            <numerusform>&lt;b&gt;%n tags&lt;/b&gt; of &lt;b&gt;%1/%2&lt;/b&gt; go: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) deleted with all their tags (%1 unless other repositories share layers), </source>
        <translation>
            <numerusform>%n image deleted with all their tags (%1 unless other repositories share layers), </numerusform>
            <numerusform>%n images deleted with all their tags (%1 unless other repositories share layers), </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) removed while their image stays for other tags. </source>
        <translation>
            <numerusform>%n tag removed while their image stays for other tags. </numerusform>
            <numerusform>%n tags removed while their image stays for other tags. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) stay.</source>
        <translation>
            <numerusform>%n tag stays.</numerusform>
            <numerusform>%n tags stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n tag(s)</source>
        <translation>
            <numerusform>Delete %n tag</numerusform>
            <numerusform>Delete %n tags</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::CleanupController</name>
    <message numerus="yes">
        <source>%1 still has %n tag(s): delete them first (select them, or Tag → Retention…).</source>
        <translation>
            <numerusform>%1 still has %n tag: delete them first (select them, or Tag → Retention…).</numerusform>
            <numerusform>%1 still has %n tags: delete them first (select them, or Tag → Retention…).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::CompareDialog</name>
    <message numerus="yes">
        <source>%n path(s) differ: </source>
        <translation>
            <numerusform>%n path differs: </numerusform>
            <numerusform>%n paths differ: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::CopyDialog</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The selected tag(s): %1</source>
        <translation>
            <numerusform>The selected tag: %1</numerusform>
            <numerusform>The selected tags: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::DeleteTagDialog</name>
    <message numerus="yes">
        <source>Delete the image and all %n tag(s)</source>
        <translation>
            <numerusform>Delete the image and all %n tag</numerusform>
            <numerusform>Delete the image and all %n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;%n other tag(s) point at the same image and stay if you remove only this one: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;%n other tag points at the same image and stays if you remove only this one: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;%n other tags point at the same image and stay if you remove only this one: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::ExportDialog</name>
    <message numerus="yes">
        <source>Export %n tag(s) of %1</source>
        <translation>
            <numerusform>Export %n tag of %1</numerusform>
            <numerusform>Export %n tags of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; with %n signature(s), SBOM(s) or attestation(s)</source>
        <translation>
            <numerusform>; with %n signature, SBOM or attestation</numerusform>
            <numerusform>; with %n signatures, SBOMs or attestations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::FilesView</name>
    <message numerus="yes">
        <source>Reading the layers: %1 of %2 (%3 of %n layer(s) done)…</source>
        <translation>
            <numerusform>Reading the layers: %1 of %2 (%3 of %n layer done)…</numerusform>
            <numerusform>Reading the layers: %1 of %2 (%3 of %n layers done)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) left out (devices, links to outside the folder).</source>
        <translation>
            <numerusform>%n entry left out (devices, links to outside the folder).</numerusform>
            <numerusform>%n entries left out (devices, links to outside the folder).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n layer</numerusform>
            <numerusform>%n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The contents of %n file(s) are stored at more than one path (%1 in the extra copies).</source>
        <translation>
            <numerusform>The contents of %n file are stored at more than one path (%1 in the extra copies).</numerusform>
            <numerusform>The contents of %n files are stored at more than one path (%1 in the extra copies).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::GarbageCollectionDialog</name>
    <message numerus="yes">
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n blob</numerusform>
            <numerusform>%n blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The dry run just before named %n thing(s) eligible for deletion.</source>
        <translation>
            <numerusform>The dry run just before named %n thing eligible for deletion.</numerusform>
            <numerusform>The dry run just before named %n things eligible for deletion.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preview finished (exit status 0): %n line(s) name something eligible for deletion.</source>
        <translation>
            <numerusform>Preview finished (exit status 0): %n line names something eligible for deletion.</numerusform>
            <numerusform>Preview finished (exit status 0): %n lines name something eligible for deletion.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recent blob(s) are kept for pushes in progress.</source>
        <translation>
            <numerusform>%n recent blob is kept for pushes in progress.</numerusform>
            <numerusform>%n recent blobs are kept for pushes in progress.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::ImportDialog</name>
    <message numerus="yes">
        <source>; with %n signature(s), SBOM(s) or attestation(s)</source>
        <translation>
            <numerusform>; with %n signature, SBOM or attestation</numerusform>
            <numerusform>; with %n signatures, SBOMs or attestations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::InspectController</name>
    <message numerus="yes">
        <source>Only the %n tag(s) listed so far are read: scroll to the end of the tag list for all of them.</source>
        <translation>
            <numerusform>Only the %n tag listed so far is read: scroll to the end of the tag list for all of them.</numerusform>
            <numerusform>Only the %n tags listed so far are read: scroll to the end of the tag list for all of them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::LocalRegistryController</name>
    <message numerus="yes">
        <source>Loaded %n demo tag(s) into %1.</source>
        <translation>
            <numerusform>Loaded %n demo tag into %1.</numerusform>
            <numerusform>Loaded %n demo tags into %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::MirrorCacheBar</name>
    <message numerus="yes">
        <source>%n repository(s) cached</source>
        <translation>
            <numerusform>%n repository cached</numerusform>
            <numerusform>%n repositories cached</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::PrefetchDialog</name>
    <message numerus="yes">
        <source>%1 of %n image(s) fetched whole (manifests: %2, blobs: %3, %4).</source>
        <translation>
            <numerusform>%1 of %n image fetched whole (manifests: %2, blobs: %3, %4).</numerusform>
            <numerusform>%1 of %n images fetched whole (manifests: %2, blobs: %3, %4).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::RepositoryLayersDialog</name>
    <message numerus="yes">
        <source>Reading the manifests of %n tag(s)…</source>
        <translation>
            <numerusform>Reading the manifests of %n tag…</numerusform>
            <numerusform>Reading the manifests of %n tags…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s), %1 stored for this repository (each layer once); </source>
        <translation>
            <numerusform>%n layer, %1 stored for this repository (each layer once); </numerusform>
            <numerusform>%n layers, %1 stored for this repository (each layer once); </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) could not be read and are left out.</source>
        <translation>
            <numerusform>%n tag could not be read and is left out.</numerusform>
            <numerusform>%n tags could not be read and are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s): %1</source>
        <translation>
            <numerusform>%n tag: %1</numerusform>
            <numerusform>%n tags: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::RepositoryModel</name>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::RetentionDialog</name>
    <message numerus="yes">
        <source>%1 of %n tag(s) would be deleted; %2 stay.</source>
        <translation>
            <numerusform>%1 of %n tag would be deleted; %2 stay.</numerusform>
            <numerusform>%1 of %n tags would be deleted; %2 stay.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::SearchPanel</name>
    <message numerus="yes">
        <source>Searching… %1 of %n repository(s), %2 found</source>
        <translation>
            <numerusform>Searching… %1 of %n repository, %2 found</numerusform>
            <numerusform>Searching… %1 of %n repositories, %2 found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>First %n match(es) (stopped there).</source>
        <translation>
            <numerusform>First %n match (stopped there).</numerusform>
            <numerusform>First %n matches (stopped there).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 found in %n repository(s).</source>
        <translation>
            <numerusform>%1 found in %n repository.</numerusform>
            <numerusform>%1 found in %n repositories.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::StorageInspectorDialog</name>
    <message numerus="yes">
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n blob</numerusform>
            <numerusform>%n blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repository(s)</source>
        <translation>
            <numerusform>%n repository</numerusform>
            <numerusform>%n repositories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n orphan blob(s)</source>
        <translation>
            <numerusform>%n orphan blob</numerusform>
            <numerusform>%n orphan blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n untagged manifest(s)</source>
        <translation>
            <numerusform>%n untagged manifest</numerusform>
            <numerusform>%n untagged manifests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upload(s)</source>
        <translation>
            <numerusform>%n upload</numerusform>
            <numerusform>%n uploads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dangling link(s)</source>
        <translation>
            <numerusform>%n dangling link</numerusform>
            <numerusform>%n dangling links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::TagModel</name>
    <message numerus="yes">
        <source>Pushed here, but %1 of its %n part(s) are missing from the store.%2</source>
        <translation>
            <numerusform>Pushed here, but %1 of its %n part is missing from the store.%2</numerusform>
            <numerusform>Pushed here, but %1 of its %n parts are missing from the store.%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The cache holds %1 of its %n part(s) (manifests, configuration, layers): a pull fetches the rest from the upstream. Describing a tag through a mirror stores its manifests and configuration.%2</source>
        <translation>
            <numerusform>The cache holds %1 of its %n part (manifests, configuration, layers): a pull fetches the rest from the upstream. Describing a tag through a mirror stores its manifests and configuration.%2</numerusform>
            <numerusform>The cache holds %1 of its %n parts (manifests, configuration, layers): a pull fetches the rest from the upstream. Describing a tag through a mirror stores its manifests and configuration.%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::TagTable</name>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::TextDiffDialog</name>
    <message numerus="yes">
        <source>%n line(s) changed</source>
        <translation>
            <numerusform>%n line changed</numerusform>
            <numerusform>%n lines changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n line removed</numerusform>
            <numerusform>%n lines removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n line added</numerusform>
            <numerusform>%n lines added</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::TransferListModel</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retry(s)</source>
        <translation>
            <numerusform>%n retry</numerusform>
            <numerusform>%n retries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n copied</source>
        <translation>
            <numerusform>%n copied</numerusform>
            <numerusform>%n copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n tag(s); none is half-tagged.</source>
        <translation>
            <numerusform>Stopped after %n tag; none is half-tagged.</numerusform>
            <numerusform>Stopped after %n tags; none is half-tagged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>%n already there</numerusform>
            <numerusform>%n already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed after %n tag(s): %1</source>
        <translation>
            <numerusform>Failed after %n tag: %1</numerusform>
            <numerusform>Failed after %n tags: %1</numerusform>
        </translation>
    </message>
</context>
</TS>

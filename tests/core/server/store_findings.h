#pragma once

// What `berth-registry inspect --verify` finds wrong in a store after a
// power cut (the test defines BERTH_REGISTRY_BINARY).

#include <QString>
#include <QStringList>

namespace berth::test {

// Dangling links, corrupt blobs and other problems, one line each (empty:
// sound; "inspect failed" when it gave no answer). `leftovers`, when
// given, gets the folders a cut write left empty (harmless).
QStringList storeFindings(const QString &store, int *leftovers = nullptr);

} // namespace berth::test

#pragma once

#include <QString>

namespace berth::ui {

// "1.5 MB"-style sizes (decimal units, as registries and docker report them).
QString formatBytes(qint64 bytes);

} // namespace berth::ui

#pragma once

#include <QString>

namespace berth::ui {

// Order for tag names as people read them: runs of digits compare as
// numbers ("v1.9" < "v1.10" < "v2"), other text case-insensitively; a
// pre-release suffix sorts before its release ("1.2.0-rc1" < "1.2.0").
// Returns <0, 0 or >0.
int naturalCompare(const QString &a, const QString &b);

} // namespace berth::ui

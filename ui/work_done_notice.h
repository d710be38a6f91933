#pragma once

class QString;
class QWidget;

namespace berth::ui {

// Long work (a copy, an export, garbage collection, a bulk delete) that
// ends while its window is not the active one is said on the desktop too
// (local::DesktopNotifier); in front of the user, the dialog says it alone.
class WorkDoneNotice
{
public:
    // `from`: the dialog that shows the outcome; its window title heads the
    // notice, `text` (rich text allowed) is its body.
    static void post(const QWidget *from, const QString &text);
};

} // namespace berth::ui

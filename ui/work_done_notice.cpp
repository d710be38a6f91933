#include "ui/work_done_notice.h"

#include "local/desktop_notifier.h"

#include <QApplication>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QWidget>

namespace berth::ui {

void WorkDoneNotice::post(const QWidget *from, const QString &text)
{
    // In front of the user, or closed (stopped by closing): the dialog, or
    // nobody, needs no word from the desktop.
    if (!from || !from->isVisible() || from->window()->isActiveWindow())
        return;
    // One for the application, for as long as it runs.
    static auto *notifier = new local::DesktopNotifier(qApp);
    const QString plain =
        Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
    notifier->notify(from->window()->windowTitle(), plain);
}

} // namespace berth::ui

#include "ui/inspect_controller.h"

#include "ui/compare_dialog.h"
#include "ui/natural_compare.h"
#include "ui/registry_widget.h"
#include "ui/tag_model.h"

#include "client/image_description.h"

#include <optional>

namespace berth::ui {

InspectController::InspectController(RegistryWidget *registry, QWidget *window)
    : QObject(window)
    , m_registry(registry)
    , m_window(window)
{
}

void InspectController::compareSelected()
{
    if (!m_registry || !m_registry->session()) {
        Q_EMIT message(tr("Open a registry first: Compare reads two of its tags."));
        return;
    }
    QList<int> rows = m_registry->selectedTagRows();
    if (rows.size() != 2) {
        Q_EMIT message(tr("Select two tags to compare (Ctrl+click the second)."));
        return;
    }
    // The older image first, so that the diff reads as what the newer one
    // changed; the same time or none known: the lower version first.
    const TagModel *model = m_registry->tags();
    const auto created = [model](int row) {
        const client::ImageDescription *d = model->description(row);
        return d && d->created ? std::optional(*d->created) : std::nullopt;
    };
    const auto a = created(rows[0]);
    const auto b = created(rows[1]);
    if ((a && b && *b < *a) ||
        ((!a || !b || *a == *b) && naturalCompare(model->tag(rows[1]), model->tag(rows[0])) < 0))
        std::swap(rows[0], rows[1]);
    const QStringList tags = {model->tag(rows[0]), model->tag(rows[1])};
    auto *dialog = new CompareDialog(m_registry->session(), m_registry->tags()->repository(),
                                     tags[0], tags[1], m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace berth::ui

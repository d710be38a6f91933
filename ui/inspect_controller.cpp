#include "ui/inspect_controller.h"

#include "ui/compare_dialog.h"
#include "ui/compare_with_dialog.h"
#include "ui/natural_compare.h"
#include "ui/profile_controller.h"
#include "ui/registry_widget.h"
#include "ui/repository_layers_dialog.h"
#include "ui/tag_model.h"

#include "client/image_description.h"
#include "client/registry_session.h"
#include "credentials/registry_profile.h"

#include <optional>

namespace berth::ui {

InspectController::InspectController(RegistryWidget *registry, ProfileController *profiles,
                                     QWidget *window)
    : QObject(window)
    , m_registry(registry)
    , m_profiles(profiles)
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
    if (rows.size() == 1) {
        compareWith(m_registry->tags()->tag(rows[0]));
        return;
    }
    if (rows.size() != 2) {
        Q_EMIT message(tr("Select one tag to compare with any image, or two to compare with "
                          "each other."));
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
    const QString repository = model->repository();
    showComparison(CompareSide{m_registry->session(), {}, repository, tags[0]},
                   CompareSide{m_registry->session(), {}, repository, tags[1]}, nullptr);
}

void InspectController::compareWith(const QString &tag)
{
    if (!m_profiles || !m_registry->profile())
        return;
    const credentials::RegistryProfile &shown = *m_registry->profile();
    QList<CompareWithDialog::Registry> registries;
    for (const credentials::RegistryProfile &p : m_profiles->profiles())
        registries.append({p.id, p.name});
    const QString repository = m_registry->tags()->repository();
    auto *ask = new CompareWithDialog(QStringLiteral("%1:%2").arg(repository, tag), registries,
                                      shown.id, repository, tag, m_window);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QDialog::accepted, this, [this, ask, shown, repository, tag] {
        if (!m_registry || !m_registry->session())
            return;
        CompareSide left{m_registry->session(), {}, repository, tag};
        CompareSide right{m_registry->session(), {}, ask->repository(), ask->reference()};
        if (ask->registryId() == shown.id) {
            showComparison(left, right, nullptr);
            return;
        }
        // Another registry: a session of its own, living as long as the
        // comparison's window.
        left.registry = shown.name;
        right.registry = ask->registryName();
        auto *holder = new QObject(this);
        m_profiles->openSession(ask->registryId(), holder,
                                [this, holder, left, right](client::RegistrySession *session,
                                                            const QString &error) mutable {
                                    if (!session) {
                                        holder->deleteLater();
                                        Q_EMIT message(error);
                                        return;
                                    }
                                    right.session = session;
                                    showComparison(left, right, holder);
                                });
    });
    ask->open();
}

void InspectController::showComparison(const CompareSide &left, const CompareSide &right,
                                       QObject *holder)
{
    auto *dialog = new CompareDialog({left, right}, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (holder)
        connect(dialog, &QObject::destroyed, holder, &QObject::deleteLater);
    dialog->open();
}

void InspectController::showRepositoryLayers()
{
    if (!m_registry || !m_registry->session() || m_registry->tags()->repository().isEmpty()) {
        Q_EMIT message(tr("Open a repository first: its layers are listed."));
        return;
    }
    const TagModel *model = m_registry->tags();
    QStringList tags;
    for (int row = 0; row < model->rowCount(); ++row)
        tags << model->tag(row);
    if (model->canFetchMore({}))
        Q_EMIT message(tr("Only the %n tag(s) listed so far are read: scroll to the end of the "
                          "tag list for all of them.",
                          nullptr, static_cast<int>(tags.size())));
    const QString repository = model->repository();
    client::RegistrySession *session = m_registry->session();
    auto *dialog = new RepositoryLayersDialog(session, repository, tags, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The list reads through the registry's session: it goes with it.
    connect(session, &QObject::destroyed, dialog, &QWidget::close);
    // The window stays usable beside the list: a layer double-clicked
    // shows a tag of it there — while the window still shows that registry.
    connect(
        dialog, &RepositoryLayersDialog::tagRequested, this,
        [this, repository, shown = QPointer<client::RegistrySession>(session)](const QString &tag) {
            if (m_registry && shown && m_registry->session() == shown)
                m_registry->openTag(repository, tag);
        });
    dialog->show();
}

} // namespace berth::ui

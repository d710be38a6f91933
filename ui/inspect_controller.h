#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace berth::ui {

class ProfileController;
class RegistryWidget;
struct CompareSide;

// Seeing inside images of the registry shown, beyond the Files tab:
// Tag → Compare… (CompareDialog) — two selected tags with each other, or
// one with an image of any saved registry (CompareWithDialog first) — and
// the repository's heaviest layers. One concern, so that the window only
// routes actions.
class InspectController : public QObject
{
    Q_OBJECT

public:
    InspectController(RegistryWidget *registry, ProfileController *profiles, QWidget *window);

    void compareSelected();
    // Tools → Heaviest layers…: the repository shown (RepositoryLayersDialog).
    void showRepositoryLayers();

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    void compareWith(const QString &tag);
    void showComparison(const CompareSide &left, const CompareSide &right, QObject *holder);

    QPointer<RegistryWidget> m_registry;
    QPointer<ProfileController> m_profiles;
    QWidget *m_window;
};

} // namespace berth::ui

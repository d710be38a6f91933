#include "ui/copy_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QString tagList(const QStringList &tags)
{
    if (tags.size() <= 4)
        return tags.join(QStringLiteral(", "));
    return CopyDialog::tr("%1 and %n more", nullptr, static_cast<int>(tags.size()) - 3)
        .arg(tags.mid(0, 3).join(QStringLiteral(", ")));
}

} // namespace

CopyDialog::CopyDialog(Source source, const QList<Registry> &registries, QWidget *parent)
    : QDialog(parent)
    , m_source(std::move(source))
{
    setWindowTitle(tr("Copy or promote from %1").arg(m_source.repository));
    resize(600, 340);
    auto *intro = new QLabel(
        tr("Copies images of <b>%1</b> as they are: the same digests, every platform unless "
           "you pick some. Within one registry the layers are linked and none move; to "
           "another one they stream through this computer and nothing is stored here. A new "
           "tag in the same repository promotes the image. The copy runs in the Transfers "
           "list.")
            .arg(m_source.repository.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_selected = new QRadioButton(
        tr("The selected tag(s): %1", nullptr, static_cast<int>(m_source.tags.size()))
            .arg(tagList(m_source.tags)),
        this);
    m_selected->setObjectName(QStringLiteral("copySelectedTags"));
    m_everyTag =
        new QRadioButton(m_source.filter.isEmpty()
                             ? tr("Every tag of the repository")
                             : tr("Every tag matching the filter “%1”").arg(m_source.filter.text()),
                         this);
    m_everyTag->setObjectName(QStringLiteral("copyEveryTag"));
    auto *which = new QButtonGroup(this);
    which->addButton(m_selected);
    which->addButton(m_everyTag);
    (m_source.tags.isEmpty() ? m_everyTag : m_selected)->setChecked(true);
    m_selected->setEnabled(!m_source.tags.isEmpty());
    m_everyTag->setVisible(m_source.everyTagOffered);

    m_registry = new QComboBox(this);
    m_registry->setObjectName(QStringLiteral("copyRegistry"));
    for (const Registry &r : registries) {
        m_registry->addItem(r.id == m_source.registryId ? tr("%1 (this one)").arg(r.name) : r.name,
                            r.id);
        if (r.id == m_source.registryId)
            m_registry->setCurrentIndex(m_registry->count() - 1);
    }
    m_toRepository = new QLineEdit(m_source.repository, this);
    m_toRepository->setObjectName(QStringLiteral("copyRepository"));
    m_toTag = new QLineEdit(this);
    m_toTag->setObjectName(QStringLiteral("copyTag"));
    m_referrers = new QCheckBox(tr("With their signatures, SBOMs and attestations"), this);
    m_referrers->setObjectName(QStringLiteral("copyReferrers"));
    m_referrers->setChecked(true);
    m_overwrite = new QCheckBox(tr("Move tags that point at other images there"), this);
    m_overwrite->setObjectName(QStringLiteral("copyOverwrite"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("copyProblem"));
    m_problem->setWordWrap(true);

    auto *platformRow = new QWidget(this);
    auto *platformBoxes = new QHBoxLayout(platformRow);
    platformBoxes->setContentsMargins(0, 0, 0, 0);
    for (const QString &platform : std::as_const(m_source.platforms)) {
        auto *box = new QCheckBox(platform, platformRow);
        box->setObjectName(QStringLiteral("copyPlatform:") + platform);
        box->setChecked(true);
        platformBoxes->addWidget(box);
        m_platforms << box;
    }
    platformBoxes->addStretch(1);
    auto *platformNote =
        new QLabel(tr("Leaving platforms out copies a new index with a digest of its own; one "
                      "platform copies that platform's image."),
                   this);
    platformNote->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Copy:"), m_selected);
    form->addRow(QString(), m_everyTag);
    form->addRow(tr("To registry:"), m_registry);
    form->addRow(tr("Repository:"), m_toRepository);
    form->addRow(tr("Tag:"), m_toTag);
    if (!m_platforms.isEmpty()) {
        form->addRow(tr("Platforms:"), platformRow);
        form->addRow(QString(), platformNote);
    } else {
        platformRow->hide();
        platformNote->hide();
    }
    form->addRow(QString(), m_referrers);
    form->addRow(QString(), m_overwrite);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *start = buttons->addButton(tr("Copy"), QDialogButtonBox::AcceptRole);
    start->setObjectName(QStringLiteral("copyStart"));
    start->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(start, &QPushButton::clicked, this, &CopyDialog::start);
    connect(which, &QButtonGroup::buttonToggled, this, &CopyDialog::updateFields);
    updateFields();
}

void CopyDialog::setDestination(const QString &registryId, const QString &repository)
{
    const int at = m_registry->findData(registryId);
    if (at >= 0)
        m_registry->setCurrentIndex(at);
    m_toRepository->setText(repository);
}

// A new name is for one tag; several keep theirs.
void CopyDialog::updateFields()
{
    const bool one = m_selected->isChecked() && m_source.tags.size() == 1;
    m_toTag->setEnabled(one);
    m_toTag->setPlaceholderText(one ? tr("%1 (the same tag)").arg(m_source.tags.first())
                                    : tr("the same tags"));
    if (!one)
        m_toTag->clear();
}

void CopyDialog::start()
{
    const QString repository = m_toRepository->text().trimmed();
    if (repository.isEmpty()) {
        m_problem->setText(tr("Name the repository to copy into."));
        m_toRepository->setFocus();
        return;
    }
    const QString newTag = m_toTag->isEnabled() ? m_toTag->text().trimmed() : QString();
    const bool sameTags =
        newTag.isEmpty() || (m_source.tags.size() == 1 && newTag == m_source.tags.first());
    if (m_registry->currentData().toString() == m_source.registryId &&
        repository == m_source.repository && (m_everyTag->isChecked() || sameTags)) {
        m_problem->setText(tr("The tags are there already: choose another repository, another "
                              "registry, or a new tag name."));
        m_toRepository->setFocus();
        return;
    }
    QStringList platforms;
    for (const QCheckBox *box : std::as_const(m_platforms)) {
        if (box->isChecked())
            platforms << box->text();
    }
    if (!m_platforms.isEmpty() && platforms.isEmpty()) {
        m_problem->setText(tr("Pick at least one platform."));
        return;
    }
    transfer::CopyTask task;
    task.sourceId = m_source.registryId;
    task.sourceName = m_source.registryName;
    task.targetId = m_registry->currentData().toString();
    task.targetName = m_registry->currentText();
    if (task.targetId == m_source.registryId)
        task.targetName = m_source.registryName;
    client::CopyTagsRequest &r = task.request;
    r.fromRepository = m_source.repository;
    r.toRepository = repository;
    r.overwrite = m_overwrite->isChecked();
    r.referrers = m_referrers->isChecked();
    if (platforms.size() < m_platforms.size()) // all of them: every platform, the index as it is
        r.platforms = platforms;
    if (m_everyTag->isChecked()) {
        r.everyTag = true;
        r.pattern = m_source.filter;
    } else {
        r.tags = m_source.tags;
        // The images shown, by digest: a tag may have moved since.
        for (qsizetype i = 0; i < m_source.tags.size(); ++i) {
            const QString digest = m_source.digests.value(i);
            if (!digest.isEmpty())
                r.pinned.insert(m_source.tags[i], digest);
        }
        r.toTag = newTag;
    }
    Q_EMIT copyRequested(task);
    accept();
}

} // namespace berth::ui

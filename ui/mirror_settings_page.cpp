#include "ui/mirror_settings_page.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

constexpr quint64 kGiB = 1024ULL * 1024 * 1024;

} // namespace

MirrorSettingsPage::MirrorSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    auto *intro = new QLabel(
        tr("Pull images through this registry: what it lacks is fetched from an upstream, "
           "stored, and served from here next time — also when the upstream is down (browsing "
           "caches manifests; Tools → Pre-fetch images caches whole images). An "
           "upstream with no prefix takes every repository no other one claims; other "
           "repositories are local and take pushes."),
        this);
    intro->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("mirrorUpstreamList"));
    m_list->setHeaderLabels(
        {tr("Repositories"), tr("Upstream"), tr("Login"), tr("Tags re-checked")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->setMinimumHeight(110); // three upstreams in sight
    m_prefix = new QLineEdit(this);
    m_prefix->setObjectName(QStringLiteral("mirrorPrefixEdit"));
    m_prefix->setPlaceholderText(tr("prefix, e.g. ghcr (empty: all others)"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("mirrorUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://registry-1.docker.io"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("mirrorUserEdit"));
    m_user->setPlaceholderText(tr("user (optional)"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("mirrorPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("password or token (kept in the keychain)"));
    m_ttl = new QSpinBox(this);
    m_ttl->setRange(0, 24 * 365);
    m_ttl->setValue(168);
    m_ttl->setPrefix(tr("re-check tags after "));
    m_ttl->setSuffix(tr(" h"));
    m_ttl->setToolTip(tr("A tag pulled again after this long is asked of the upstream again"));
    m_add = new QPushButton(tr("Add / update"), this);
    m_add->setObjectName(QStringLiteral("mirrorAddButton"));
    m_remove = new QPushButton(tr("Remove selected"), this);
    m_remove->setObjectName(QStringLiteral("mirrorRemoveButton"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_prefix, 2);
    row->addWidget(m_url, 3);
    auto *loginRow = new QHBoxLayout;
    loginRow->addWidget(m_user, 2);
    loginRow->addWidget(m_password, 3);
    loginRow->addWidget(m_ttl);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);

    m_localPrefixes = new QLineEdit(this);
    m_localPrefixes->setObjectName(QStringLiteral("mirrorLocalEdit"));
    m_localPrefixes->setPlaceholderText(tr("e.g. team, ci (with an upstream for all others)"));
    m_maxSize = new QSpinBox(this);
    m_maxSize->setObjectName(QStringLiteral("mirrorMaxSizeBox"));
    m_maxSize->setRange(0, 1000000);
    m_maxSize->setSuffix(tr(" GiB"));
    m_maxSize->setSpecialValueText(tr("No limit"));
    m_maxSize->setToolTip(tr("Past this, the least recently pulled mirrored images are removed "
                             "(never local ones); they are fetched again when pulled."));
    m_maxSize->setMinimumWidth(140);
    auto *form = new QFormLayout;
    form->addRow(tr("Local repositories under:"), m_localPrefixes);
    form->addRow(tr("Cache size:"), m_maxSize);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("mirrorNote"));
    m_note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    layout->addLayout(loginRow);
    layout->addLayout(buttons);
    layout->addLayout(form);
    layout->addWidget(m_note);

    connect(m_add, &QPushButton::clicked, this, &MirrorSettingsPage::addOrUpdate);
    connect(m_remove, &QPushButton::clicked, this, &MirrorSettingsPage::removeSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &MirrorSettingsPage::showSelected);
    connect(m_localPrefixes, &QLineEdit::editingFinished, this, &MirrorSettingsPage::changed);
    connect(m_maxSize, &QSpinBox::valueChanged, this, &MirrorSettingsPage::changed);
}

void MirrorSettingsPage::setSettings(const local::LocalMirrorSettings &settings)
{
    m_upstreams = settings.upstreams;
    m_localPrefixes->setText(settings.localPrefixes.join(QStringLiteral(", ")));
    m_maxSize->setValue(static_cast<int>((settings.maxSizeBytes + kGiB - 1) / kGiB));
    refreshList();
}

local::LocalMirrorSettings MirrorSettingsPage::settings() const
{
    local::LocalMirrorSettings s;
    s.upstreams = m_upstreams;
    const QStringList prefixes = m_localPrefixes->text().split(
        QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    s.localPrefixes = prefixes;
    s.maxSizeBytes = static_cast<quint64>(m_maxSize->value()) * kGiB;
    return s;
}

void MirrorSettingsPage::setEditable(bool editable)
{
    for (QWidget *w : {static_cast<QWidget *>(m_prefix), static_cast<QWidget *>(m_url),
                       static_cast<QWidget *>(m_user), static_cast<QWidget *>(m_password),
                       static_cast<QWidget *>(m_ttl), static_cast<QWidget *>(m_add),
                       static_cast<QWidget *>(m_remove), static_cast<QWidget *>(m_localPrefixes),
                       static_cast<QWidget *>(m_maxSize)})
        w->setEnabled(editable);
}

void MirrorSettingsPage::showNote(const QString &text)
{
    m_note->setText(text);
}

void MirrorSettingsPage::addOrUpdate()
{
    local::LocalMirrorUpstream upstream;
    upstream.prefix = m_prefix->text().trimmed();
    upstream.url = m_url->text().trimmed();
    while (upstream.url.endsWith(QLatin1Char('/')))
        upstream.url.chop(1);
    if (!upstream.url.contains(QStringLiteral("://")) && !upstream.url.isEmpty())
        upstream.url.prepend(QStringLiteral("https://"));
    upstream.username = m_user->text().trimmed();
    upstream.ttlHours = m_ttl->value();
    local::LocalMirrorSettings candidate = settings();
    qsizetype at = -1;
    for (qsizetype i = 0; i < candidate.upstreams.size(); ++i) {
        if (candidate.upstreams[i].prefix == upstream.prefix)
            at = i;
    }
    const QString replaced = at >= 0 && candidate.upstreams[at].url != upstream.url
                                 ? candidate.upstreams[at].url
                                 : QString();
    const QString oldKey = at >= 0 && !candidate.upstreams[at].username.isEmpty()
                               ? candidate.upstreams[at].secretKey()
                               : QString();
    if (at >= 0)
        candidate.upstreams[at] = upstream;
    else
        candidate.upstreams << upstream;
    if (const QString problem = candidate.problem(false); !problem.isEmpty()) {
        showNote(problem);
        return;
    }
    m_upstreams = candidate.upstreams;
    if (!oldKey.isEmpty() && oldKey != upstream.secretKey())
        Q_EMIT loginForgotten(oldKey);
    const QString password = m_password->text();
    for (QLineEdit *edit : {m_prefix, m_url, m_user, m_password})
        edit->clear(); // the next upstream starts from nothing (no login carried over)
    refreshList();
    const QString which = upstream.prefix.isEmpty() ? tr("every other repository")
                                                    : upstream.prefix + QStringLiteral("/…");
    const QString saved = replaced.isEmpty()
                              ? tr("Saved: %1 from %2.").arg(which, upstream.url)
                              : tr("Replaced %1 by %2 for %3.").arg(replaced, upstream.url, which);
    if (!upstream.username.isEmpty() && !password.isEmpty()) {
        showNote(saved + tr(" Storing the password in the keychain…"));
        Q_EMIT loginChosen(upstream.secretKey(), password);
    } else if (!upstream.username.isEmpty()) {
        showNote(saved + tr(" The registry reads %1's password from the keychain when it starts; "
                            "type it here once if it is not there yet.")
                             .arg(upstream.username));
    } else {
        showNote(saved + tr(" No login: pulled anonymously."));
    }
    if (upstream.prefix.isEmpty())
        m_note->setText(m_note->text() +
                        tr("\nRepositories already here become this upstream's too, unless "
                           "they are under a local prefix: add theirs below to keep them yours."));
    Q_EMIT changed();
}

void MirrorSettingsPage::removeSelected()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || row >= m_upstreams.size())
        return;
    if (!m_upstreams[row].username.isEmpty())
        Q_EMIT loginForgotten(m_upstreams[row].secretKey());
    m_upstreams.removeAt(row);
    refreshList();
    Q_EMIT changed();
}

void MirrorSettingsPage::showSelected()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || row >= m_upstreams.size())
        return;
    const local::LocalMirrorUpstream &u = m_upstreams[row];
    m_prefix->setText(u.prefix);
    m_url->setText(u.url);
    m_user->setText(u.username);
    m_ttl->setValue(u.ttlHours);
    m_password->clear();
}

void MirrorSettingsPage::refreshList()
{
    m_list->clear();
    for (const local::LocalMirrorUpstream &u : m_upstreams) {
        m_list->addTopLevelItem(new QTreeWidgetItem(
            {u.prefix.isEmpty() ? tr("all others") : u.prefix + QStringLiteral("/…"), u.url,
             u.username.isEmpty() ? tr("anonymous") : u.username,
             tr("after %1 h").arg(u.ttlHours)}));
    }
}

} // namespace berth::ui

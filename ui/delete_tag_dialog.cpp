#include "ui/delete_tag_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

DeleteTagDialog::DeleteTagDialog(const Subject &s, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Delete %1:%2").arg(s.repository, s.tag));
    QString html =
        tr("<p><b>%1/%2:%3</b></p>")
            .arg(s.registry.toHtmlEscaped(), s.repository.toHtmlEscaped(), s.tag.toHtmlEscaped());
    html += tr("<table cellspacing='4'><tr><td>Digest</td><td><tt>%1</tt></td></tr>"
               "<tr><td>Size</td><td>%2</td></tr><tr><td>Created</td><td>%3</td></tr></table>")
                .arg(s.digest.toHtmlEscaped(), s.size.toHtmlEscaped(), s.created.toHtmlEscaped());
    if (s.siblings.isEmpty()) {
        html += tr("<p>No other tag points at this image. Removing the tag leaves the image "
                   "reachable only by "
                   "digest; deleting the image removes it.</p>");
    } else {
        QStringList escaped;
        for (const QString &t : s.siblings)
            escaped.append(t.toHtmlEscaped());
        html += tr("<p>%n other tag(s) point at the same image and stay if you remove only "
                   "this one: <b>%1</b></p>",
                   nullptr, static_cast<int>(s.siblings.size()))
                    .arg(escaped.join(QStringLiteral(", ")));
    }
    if (!s.listedBy.isEmpty()) {
        QStringList escaped;
        for (const QString &t : s.listedBy)
            escaped.append(t.toHtmlEscaped());
        html += tr("<p>This image is part of the multi-arch image <b>%1</b>: deleting it would "
                   "break that image, so only the tag can be removed here.</p>")
                    .arg(escaped.join(QStringLiteral(", ")));
    }
    html += tr("<p>The tag is checked again just before anything is deleted; if it moved, nothing "
               "is deleted. "
               "Space is freed only after the registry's garbage collection.</p>");
    m_summary = new QLabel(html, this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_tagOnly = buttons->addButton(tr("Remove this tag only"), QDialogButtonBox::AcceptRole);
    m_tagOnly->setObjectName(QStringLiteral("tagOnlyButton"));
    const int all = static_cast<int>(s.siblings.size()) + 1;
    m_wholeImage = buttons->addButton(
        all == 1 ? tr("Delete the image") : tr("Delete the image and all %n tag(s)", nullptr, all),
        QDialogButtonBox::DestructiveRole);
    m_wholeImage->setObjectName(QStringLiteral("wholeImageButton"));
    m_wholeImage->setEnabled(s.listedBy.isEmpty());
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setFocus();
    connect(m_tagOnly, &QPushButton::clicked, this, [this] {
        m_choice = Choice::TagOnly;
        accept();
    });
    connect(m_wholeImage, &QPushButton::clicked, this, [this] {
        m_choice = Choice::WholeImage;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

} // namespace berth::ui

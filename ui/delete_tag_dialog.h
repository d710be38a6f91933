#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;

namespace berth::ui {

// The honest confirmation before a delete: repository, tag, digest, size,
// and every other tag that points at the same image. The user chooses to
// remove only this tag (the others stay) or the image with all its tags.
// An image that a multi-arch image lists (a platform) cannot be deleted from
// here: only its tag can go, or the multi-arch image would break.
class DeleteTagDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        None,
        TagOnly,
        WholeImage
    };

    struct Subject
    {
        QString registry;
        QString repository;
        QString tag;
        QString digest;
        QString size;
        QString created;
        QStringList siblings; // other tags with the same digest
        QStringList listedBy; // tags of multi-arch images that list this one
    };

    DeleteTagDialog(const Subject &subject, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }

private:
    Choice m_choice = Choice::None;
    QLabel *m_summary;
    QPushButton *m_tagOnly;
    QPushButton *m_wholeImage;
};

} // namespace berth::ui

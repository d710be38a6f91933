#include "natural_compare.h"

#include <gtest/gtest.h>

#include <QStringList>

#include <algorithm>

using berth::ui::naturalCompare;

TEST(NaturalCompare, NumbersCompareAsNumbers)
{
    QStringList tags{
        QStringLiteral("v1.10"),     QStringLiteral("v1.9"),      QStringLiteral("v2"),
        QStringLiteral("latest"),    QStringLiteral("v1.9-rc1"),  QStringLiteral("V1.8"),
        QStringLiteral("10"),        QStringLiteral("9"),         QStringLiteral("1.2.0"),
        QStringLiteral("1.2.0-rc2"), QStringLiteral("1.2.0-rc10")};
    std::sort(tags.begin(), tags.end(),
              [](const QString &a, const QString &b) { return naturalCompare(a, b) < 0; });
    EXPECT_EQ(tags, (QStringList{QStringLiteral("1.2.0-rc2"), QStringLiteral("1.2.0-rc10"),
                                 QStringLiteral("1.2.0"), QStringLiteral("9"), QStringLiteral("10"),
                                 QStringLiteral("latest"), QStringLiteral("V1.8"),
                                 QStringLiteral("v1.9-rc1"), QStringLiteral("v1.9"),
                                 QStringLiteral("v1.10"), QStringLiteral("v2")}));
}

TEST(NaturalCompare, IsAStrictWeakOrderOnOddInput)
{
    const QStringList odd{QString(),
                          QStringLiteral("0"),
                          QStringLiteral("00"),
                          QStringLiteral("000000000000000000000000001"),
                          QStringLiteral("1"),
                          QStringLiteral("-"),
                          QStringLiteral("a-"),
                          QStringLiteral("a"),
                          QStringLiteral("A"),
                          QStringLiteral("a1"),
                          QStringLiteral("a01"),
                          QStringLiteral("a1b"),
                          QStringLiteral("a10"),
                          QStringLiteral("1.2.0-rc2"),
                          QStringLiteral("1.2.0"),
                          QStringLiteral("v1.9"),
                          QStringLiteral("V1.9"),
                          QStringLiteral("v1.09")};
    for (const QString &a : odd) {
        EXPECT_EQ(naturalCompare(a, a), 0);
        for (const QString &b : odd) {
            EXPECT_EQ(naturalCompare(a, b) < 0, naturalCompare(b, a) > 0)
                << a.toStdString() << " vs " << b.toStdString();
            // Transitive, for both order and equivalence (what std::sort needs).
            for (const QString &c : odd) {
                const int ab = naturalCompare(a, b);
                const int bc = naturalCompare(b, c);
                const int ac = naturalCompare(a, c);
                if (ab < 0 && bc < 0) {
                    EXPECT_LT(ac, 0)
                        << a.toStdString() << " < " << b.toStdString() << " < " << c.toStdString();
                }
                if (ab == 0 && bc == 0) {
                    EXPECT_EQ(ac, 0)
                        << a.toStdString() << " ~ " << b.toStdString() << " ~ " << c.toStdString();
                }
            }
        }
    }
}

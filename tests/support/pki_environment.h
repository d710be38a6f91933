#pragma once

// One test PKI (CA, server, token signing keys) per test program, made
// before the first test: #include it in exactly one file of the program and
// call berth::test::pki().
#include "support/test_pki.h"

#include <gtest/gtest.h>

namespace berth::test {

inline TestPki *&pkiInstance()
{
    static TestPki *instance = nullptr;
    return instance;
}

inline TestPki &pki()
{
    return *pkiInstance();
}

class PkiEnvironment : public ::testing::Environment
{
public:
    void SetUp() override
    {
        pkiInstance() = new TestPki;
        ASSERT_TRUE(pkiInstance()->generate()) << pkiInstance()->error().toStdString();
    }
    void TearDown() override
    {
        delete pkiInstance();
        pkiInstance() = nullptr;
    }
};

inline const auto *const kPkiEnvironment = ::testing::AddGlobalTestEnvironment(new PkiEnvironment);

} // namespace berth::test

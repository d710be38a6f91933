#include "oci/thread_crypto_state.h"

#include <openssl/crypto.h>

namespace berth::oci {

void releaseThreadCryptoState()
{
    OPENSSL_thread_stop();
}

} // namespace berth::oci

#pragma once

namespace berth::oci {

// Frees what OpenSSL keeps for the calling thread (its error queue, made
// by the first hash or by curl_global_init there). OpenSSL frees it itself
// when a thread ends — unless the program is already exiting: its atexit
// cleanup deletes the keys first, and the state of a pool thread still
// ending then stays for good. A worker that the program does not wait
// for calls this once its work is done; OpenSSL makes the state again on
// the next use.
void releaseThreadCryptoState();

} // namespace berth::oci

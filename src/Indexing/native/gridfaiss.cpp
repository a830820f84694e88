// gridfaiss: a thin C ABI over Debian's static libfaiss (C++ only, no C API) for Grid.Indexing.
// Every entry point returns 0 on success or -1 after storing the C++ exception's message in a
// thread-local buffer that gf_last_error() returns; no exception ever crosses into .NET.
// Never name a parameter I: <complex.h> (pulled in by BLAS headers) defines it as a macro.
#include <faiss/Index.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexPQ.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

using idx_t = faiss::Index::idx_t;

namespace {

thread_local std::string last_error;

template <class F>
int guarded(F&& body) {
    try {
        body();
        return 0;
    } catch (const std::exception& e) {
        last_error = e.what();
    } catch (...) {
        last_error = "unknown C++ exception in libgridfaiss";
    }
    return -1;
}

faiss::Index* as_index(void* handle) {
    if (handle == nullptr) throw std::invalid_argument("null FAISS index handle");
    return static_cast<faiss::Index*>(handle);
}

// The index under IDMap / pre-transform wrappers, where the tunable structure lives.
faiss::Index* innermost(faiss::Index* index) {
    for (;;) {
        if (auto* map = dynamic_cast<faiss::IndexIDMap*>(index)) index = map->index;
        else if (auto* pre = dynamic_cast<faiss::IndexPreTransform*>(index)) index = pre->index;
        else return index;
    }
}

// IVF indexes store caller ids themselves; IDMap/IDMap2 do by construction; others need a wrapper.
bool stores_ids(faiss::Index* index) {
    if (dynamic_cast<faiss::IndexIDMap*>(index)) return true;
    if (auto* pre = dynamic_cast<faiss::IndexPreTransform*>(index)) return stores_ids(pre->index);
    return dynamic_cast<faiss::IndexIVF*>(index) != nullptr;
}

// A reader over caller memory, so loading a large index does not copy it into a std::vector first.
struct SpanReader : faiss::IOReader {
    const uint8_t* data;
    size_t size;
    size_t position = 0;
    SpanReader(const uint8_t* d, size_t n) : data(d), size(n) {}
    size_t operator()(void* ptr, size_t item_size, size_t items) override {
        if (item_size == 0) return 0;
        size_t available = (size - position) / item_size;
        size_t take = std::min(items, available);
        std::memcpy(ptr, data + position, take * item_size);
        position += take * item_size;
        return take;
    }
};

}  // namespace

extern "C" {

const char* gf_last_error() { return last_error.c_str(); }

int gf_create(const char* factory, int dimension, void** out) {
    return guarded([&] {
        *out = nullptr;
        faiss::Index* index = faiss::index_factory(dimension, factory, faiss::METRIC_INNER_PRODUCT);
        if (!stores_ids(index)) {
            // IDMap2 (not IDMap) so that reconstruct and removal bookkeeping work on the wrapper.
            auto* map = new faiss::IndexIDMap2(index);
            map->own_fields = true;
            index = map;
        }
        *out = index;
    });
}

int gf_free(void* handle) {
    return guarded([&] { delete static_cast<faiss::Index*>(handle); });
}

int gf_is_trained(void* handle, int* trained) {
    return guarded([&] { *trained = as_index(handle)->is_trained ? 1 : 0; });
}

// Vectors to collect before training: FAISS's k-means wants at least 39 points per centroid,
// for the IVF coarse quantizer (nlist centroids) and for each PQ sub-quantizer (ksub centroids).
int gf_training_vectors(void* handle, int64_t* count) {
    return guarded([&] {
        faiss::Index* index = innermost(as_index(handle));
        size_t needed = 0;
        if (auto* ivf = dynamic_cast<faiss::IndexIVF*>(index)) needed = 39 * ivf->nlist;
        if (auto* ivfpq = dynamic_cast<faiss::IndexIVFPQ*>(index)) needed = std::max(needed, 39 * ivfpq->pq.ksub);
        if (auto* pq = dynamic_cast<faiss::IndexPQ*>(index)) needed = std::max(needed, 39 * pq->pq.ksub);
        *count = static_cast<int64_t>(needed == 0 ? 1000 : needed);
    });
}

int gf_train(void* handle, int64_t n, const float* vectors) {
    return guarded([&] { as_index(handle)->train(n, vectors); });
}

int gf_add(void* handle, int64_t n, const float* vectors, const int64_t* ids) {
    return guarded([&] { as_index(handle)->add_with_ids(n, vectors, reinterpret_cast<const idx_t*>(ids)); });
}

int gf_remove(void* handle, int64_t n, const int64_t* ids, int64_t* removed) {
    return guarded([&] {
        faiss::IDSelectorBatch selector(n, reinterpret_cast<const idx_t*>(ids));
        *removed = static_cast<int64_t>(as_index(handle)->remove_ids(selector));
    });
}

int gf_search(void* handle, int64_t n, const float* queries, int64_t k, float* scores, int64_t* labels) {
    return guarded([&] {
        as_index(handle)->search(n, queries, k, scores, reinterpret_cast<idx_t*>(labels));
    });
}

int gf_count(void* handle, int64_t* count) {
    return guarded([&] { *count = static_cast<int64_t>(as_index(handle)->ntotal); });
}

// Bytes per stored vector (codes only; graph links and inverted-list overhead are not counted).
int gf_code_size(void* handle, int64_t* bytes) {
    return guarded([&] {
        faiss::Index* index = innermost(as_index(handle));
        try {
            *bytes = static_cast<int64_t>(index->sa_code_size());
        } catch (...) {
            *bytes = static_cast<int64_t>(index->d * sizeof(float));
        }
    });
}

int gf_set_parameter(void* handle, const char* name, int value) {
    return guarded([&] {
        faiss::Index* index = innermost(as_index(handle));
        std::string parameter(name);
        if (parameter == "nprobe") {
            auto* ivf = dynamic_cast<faiss::IndexIVF*>(index);
            if (ivf == nullptr) throw std::invalid_argument("nprobe applies only to IVF indexes");
            ivf->nprobe = static_cast<size_t>(value);
        } else if (parameter == "efSearch") {
            auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(index);
            if (hnsw == nullptr) throw std::invalid_argument("efSearch applies only to HNSW indexes");
            hnsw->hnsw.efSearch = value;
        } else {
            throw std::invalid_argument("unknown search parameter " + parameter);
        }
    });
}

int gf_serialize(void* handle, void** buffer, const uint8_t** data, int64_t* size) {
    return guarded([&] {
        auto* writer = new faiss::VectorIOWriter();
        try {
            faiss::write_index(as_index(handle), writer);
        } catch (...) {
            delete writer;
            throw;
        }
        *buffer = writer;
        *data = writer->data.data();
        *size = static_cast<int64_t>(writer->data.size());
    });
}

int gf_buffer_free(void* buffer) {
    return guarded([&] { delete static_cast<faiss::VectorIOWriter*>(buffer); });
}

int gf_deserialize(const uint8_t* data, int64_t size, void** out) {
    return guarded([&] {
        *out = nullptr;
        SpanReader reader(data, static_cast<size_t>(size));
        faiss::Index* index = faiss::read_index(&reader);
        if (reader.position != reader.size) {
            delete index;
            throw std::runtime_error("trailing bytes after the serialized FAISS index");
        }
        *out = index;
    });
}

}  // extern "C"

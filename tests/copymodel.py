"""Build a real Argos Translate package whose CTranslate2 Transformer copies its input.

No real vi→en model can be downloaded where the tests run, so the test suite (and the
benchmarks) build one: a genuine ``.argosmodel`` zip with ``metadata.json``, a
SentencePiece tokenizer and a CTranslate2 Transformer whose weights are set by hand so
that beam search returns exactly the source tokens. It loads with
``argostranslate.package.Package`` and ``ctranslate2.Translator`` like any other package.

How the copy works (``d`` = d_model, ``C`` code dimensions, ``K`` position frequencies,
``d = C + 4K``):

* Every token has a balanced ±1 code of ``C`` dimensions (as many +1 as -1). The
  encoder token embedding is ``[code, 0]``; the learned position table row ``t`` is
  ``[0, sin(w_k t), cos(w_k t), -sin(w_k t), -cos(w_k t) for k < K]``. Every encoder
  input vector therefore has mean 0 and squared norm ``C + 2K``, so each LayerNorm is a
  fixed scaling.
* All self-attention and feed-forward output weights are zero: the residual stream
  passes through unchanged, so the encoder output is (a scaled) ``[code(src_s), pos(s)]``.
* The decoder token embeddings are zero: what the decoder emits at step ``t`` depends
  only on ``t`` and the source, never on the previous tokens. The last decoder layer's
  cross-attention reads only the position block for queries and keys (every head), so
  step ``t`` attends to source position ``t``; it is scaled so that any other position
  gets less than ``exp(-40)`` of the weight. Its values/outputs copy the code block into
  the (otherwise empty) code block of the decoder stream. The other layers'
  cross-attention output weights are zero.
* The output projection is the code matrix, with the final LayerNorm scaled so that the
  right token wins by at least 40 logits. ``add_source_eos`` is on, so at step ``n``
  (source length ``n``) the decoder reads ``</s>`` and stops.
* A projection bias of -10000 bans tokens that must never come out, in every beam and
  every n-best hypothesis: ``<s>``, the padding tokens of the ``base`` size and, in the
  garble variant, ``<unk>`` and the capitalized pieces (see :func:`garbled_piece`).
  The copy variant does emit ``<unk>``: a source token missing from the vocabulary (the
  tokenizer never makes one, but a caller may pass raw tokens) reads as ``<unk>``, is
  copied as ``<unk>``, and ``replace_unknowns=True`` puts the source token back.
* Only the best hypothesis is a copy (score ≈ 0). Hypotheses 2…n of an n-best list
  swap one or more tokens for others (scores roughly -10 to -60 after the length
  penalty). In the copy variant such a swapped-in token can be ``<unk>``, which
  ``replace_unknowns`` turns back into the aligned source token, so an alternative may
  detokenize to the same text as the best one.

CTranslate2 limits that apply as to any model: ``translate_batch`` stops at
``max_decoding_length`` tokens (default 256, so pass more for long sentences) and cuts
sources at ``max_input_length`` (default 1024, ``</s>`` included); the position table has
``max_positions`` (1024) rows, so ``max_input_length=0`` with a longer source raises
``No position encodings are defined for positions >= 1024``. A ``target_prefix`` is
forced, after which step ``t`` still copies source token ``t``.

Weights are stored as int8 with per-row scales, as ``ct2-opennmt-py-converter
--quantization int8`` writes real Argos models (but to ±63, see ``_int8``). Every weight
is 0, ±1 or a per-row constant, so the quantization is exact, and the margins above keep
the copy exact under the ``int8``/``int8_float32`` (the default) and ``float32`` compute
types.

Tokenizer facts tests should know (SentencePiece trained with ``byte_fallback=True``,
``character_coverage=1.0``, ``normalization_rule_name="identity"``, default
``add_dummy_prefix`` and ``remove_extra_whitespaces``):

* any text is encoded without ``<unk>``: characters absent from the training corpus
  (Chinese, emoji, Cyrillic, tabs, newlines) become byte pieces ``<0xNN>``;
* ``decode(encode(text)) == text`` for text without leading, trailing or repeated
  ASCII spaces; those are stripped/collapsed (``"  a  b "`` → ``"a b"``), as real Argos
  models do. There is no NFKC step: NFD input stays NFD, ``ﬁ`` stays ``ﬁ``; but a literal
  ``▁`` (U+2581) in the input decodes as a space;
* ``""`` and ``" "`` encode to no tokens at all.

``argostranslate``'s own ``SentencePieceTokenizer.decode`` also turns ``_`` into a space;
use ``pkg.tokenizer.lazy_processor().decode_pieces(tokens)`` for an exact round trip.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import attention_spec, common_spec, transformer_spec

__all__ = [
    "DEFAULT_CORPUS",
    "FAMILIES",
    "archive_folder",
    "build_copy_ct2",
    "hf_tokenizer_json",
    "ModelSize",
    "SIZES",
    "build_copy_package",
    "garbled_piece",
    "package_dir_name",
    "unpack_package",
]

Size = Literal["small", "base"]
Variant = Literal["copy", "garble"]

#: Sentences the default SentencePiece vocabulary is trained on (written for this module).
#: Together they contain every Vietnamese letter, lower and upper case, with every tone mark.
DEFAULT_CORPUS: tuple[str, ...] = (
    "Tổng thống Mỹ J.Biden và Tổng thống Nga V.Putin đã điện đàm hơn hai giờ vào tối 7.12.",
    "Theo Nhà Trắng, hai nhà lãnh đạo chủ yếu bàn về tình hình căng thẳng ở biên giới Ukraina.",
    "Người phát ngôn Điện Kremlin cho biết Mátxcơva không có kế hoạch tấn công Kiev.",
    "Bộ Ngoại giao Nga (trụ sở tại Moskva) bác bỏ những cáo buộc mà phương Tây đưa ra hôm "
    "30/1/2022.",
    "Ông Putin nói: “Nga chưa bao giờ muốn chiến tranh, nhưng chúng tôi sẽ bảo vệ lợi ích "
    "của mình”.",
    "Khoảng 1.500.000 người dân TP.HCM đã được tiêm mũi vắc xin thứ ba tính đến cuối tháng trước.",
    "Tăng trưởng kinh tế quý IV ước đạt 2,5%, thấp hơn so với dự báo của nhiều chuyên gia.",
    "Ảnh: AFP",
    "Ngân hàng Nhà nước quyết định giữ nguyên lãi suất điều hành trong năm nay.",
    "Giá xăng RON 95 giảm 1.200 đồng/lít từ 15 giờ chiều nay, mức giảm mạnh nhất kể từ đầu năm.",
    "Thủ tướng yêu cầu các bộ, ngành khẩn trương gỡ vướng mắc cho doanh nghiệp.",
    "Đội tuyển Việt Nam thắng Thái Lan 2-0 trong trận chung kết diễn ra tối qua tại sân Mỹ Đình.",
    "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu, giao thông ùn tắc nghiêm trọng.",
    "Ông Nguyễn Văn Hùng, 54 tuổi, trú tại quận Bình Thạnh, cho biết gia đình ông đã sống ở "
    "đây hơn 20 năm.",
    "Các nhà khoa học cảnh báo mực nước biển có thể dâng thêm 0,5 m vào cuối thế kỷ này.",
    "Bão số 9 đổ bộ vào miền Trung, làm hàng nghìn ngôi nhà bị tốc mái.",
    "Liên Hợp Quốc kêu gọi các bên kiềm chế, tránh để xung đột leo thang.",
    '"Chúng tôi sẽ tiếp tục hỗ trợ Ukraine", Ngoại trưởng Mỹ phát biểu trong cuộc họp báo.',
    "Năm 2021, kim ngạch xuất khẩu của Việt Nam đạt gần 336 tỷ USD, tăng 19% so với năm trước.",
    "Người dân xếp hàng dài chờ mua khẩu trang trước cửa hiệu thuốc trên phố Hàng Bài.",
    "Cơ quan công an đang điều tra, làm rõ nguyên nhân vụ cháy.",
    "Bà Trần Thị Mỹ Dung, Giám đốc Sở Y tế, khẳng định bệnh viện đủ giường cho bệnh nhân nặng.",
    "Hội nghị thượng đỉnh G20 năm nay được tổ chức theo hình thức trực tuyến.",
    "Học sinh tiểu học ở TP.HCM sẽ trở lại trường từ ngày 14/2.",
    "Chính phủ Anh tuyên bố nới lỏng các biện pháp hạn chế đi lại.",
    "Anh ấy về đích đầu tiên, còn chị gái anh xếp thứ ba.",
    "Giá vàng SJC chiều 8.3 tăng vọt lên 74,5 triệu đồng/lượng.",
    "Ủy ban Nhân dân tỉnh Quảng Ninh vừa ban hành kế hoạch phòng chống dịch cúm mùa.",
    "Ở vùng núi phía Bắc, nhiệt độ thấp nhất có thể xuống dưới 5 độ C, nhiều nơi có băng giá.",
    "Ông Kỳ cho rằng kỹ sư trẻ cần được tạo điều kiện phát huy ý tưởng, không nên ỷ lại.",
    "Đoàn xe chở hàng cứu trợ đã tới thủ đô Kiev sau ba ngày di chuyển.",
    "Ông Lê Hoàng Ẩn bị khởi tố về tội lừa đảo chiếm đoạt tài sản hơn 2,3 tỷ đồng.",
    "Em bé được mẹ ẵm trên tay, nép vào góc phòng chờ của nhà ga.",
    "Tuy mệt mỏi nhưng các y bác sĩ vẫn nở nụ cười, sẵn sàng trở lại ca trực.",
    "Cụ bà ngã quỵ khi nghe tin dữ; hàng xóm phải đưa cụ đi cấp cứu.",
    "Nông dân Thái Nguyên thu hái chè vụ xuân sớm hơn mọi năm.",
    "TIN NÓNG: ĐỘNG ĐẤT MẠNH 6,1 ĐỘ RICHTER Ở NHẬT BẢN, CHƯA CÓ THÔNG TIN THƯƠNG VONG",
    "CẢNH BÁO LŨ QUÉT, SẠT LỞ ĐẤT TẠI CÁC TỈNH MIỀN NÚI PHÍA BẮC",
    "NHỮNG NGƯỜI HÙNG THẦM LẶNG: KỲ VỌNG MỚI SAU MỘT NĂM ĐẦY THỬ THÁCH",
    "ĐỪNG ĐỂ TRẺ EM BỊ BỎ LẠI PHÍA SAU TRONG CUỘC CHUYỂN ĐỔI SỐ",
    "GIÁ CHÈ, CÀ PHÊ XUẤT KHẨU TĂNG MẠNH NHƯNG NÔNG DÂN VẪN CHẲNG DỄ THỞ",
    "BẰNG CHỨNG MỚI VỀ VỤ ẴM NHẦM TRẺ SƠ SINH: BỆNH VIỆN XIN LỖI GIA ĐÌNH",
    "ĐÃ CÓ KẾT QUẢ ĐIỀU TRA VỤ CHÁY, CHỦ CƠ SỞ SẼ BỊ XỬ LÝ THEO QUY ĐỊNH",
    "HỢP TÁC KỸ THUẬT: MỸ VÀ NHẬT MỞ RỘNG HỖ TRỢ, TỶ LỆ GIẢI NGÂN ĐẠT 70%",
    "MẸ NGHĨ GÌ KHI CON GỠ BỎ ỨNG DỤNG HỌC TRỰC TUYẾN?",
    "LÀM RÕ VÒNG ĐỜI DỰ ÁN NGHÌN TỶ ĐỒNG KHIẾN NHIỀU DOANH NGHIỆP QUỴ NGÃ",
)


@dataclass(frozen=True)
class ModelSize:
    """Architecture of one copy-model size."""

    encoder_layers: int
    decoder_layers: int
    d_model: int
    num_heads: int
    ffn_dim: int
    #: Number of sin/cos frequencies; the position block takes 4 dims per frequency.
    position_frequencies: int
    #: Rows of the learned position table: the longest source (with ``</s>``) and the
    #: longest output the model accepts. 1024 matches CTranslate2's default
    #: ``max_input_length``.
    max_positions: int
    #: SentencePiece ``vocab_size`` (a soft limit: a few sentences give fewer pieces).
    sentencepiece_vocab_size: int
    #: If set, the CTranslate2 vocabulary is padded with never-emitted tokens to this size.
    padded_vocab_size: int | None

    @property
    def code_dims(self) -> int:
        """Dimensions of the token-code block (the rest holds positions)."""
        return self.d_model - 4 * self.position_frequencies


#: ``small`` builds in well under a second for the tests; ``base`` has the shape of the
#: real Argos vi→en model (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary).
SIZES: Mapping[Size, ModelSize] = MappingProxyType(
    {
        "small": ModelSize(
            encoder_layers=1,
            decoder_layers=1,
            d_model=64,
            num_heads=1,
            ffn_dim=64,
            position_frequencies=8,
            max_positions=1024,
            sentencepiece_vocab_size=2000,
            padded_vocab_size=None,
        ),
        "base": ModelSize(
            encoder_layers=6,
            decoder_layers=6,
            d_model=512,
            num_heads=8,
            ffn_dim=2048,
            position_frequencies=16,
            max_positions=1024,
            sentencepiece_vocab_size=32000,
            padded_vocab_size=32000,
        ),
    }
)

_SEED = 20220130
_ATTENTION_MARGIN = 40.0  # min score gap between the aligned and any other source position
_OUTPUT_MARGIN = 40.0  # min logit gap between the copied token and any other allowed token
_BANNED_BIAS = -10000.0
_INT8_LEVELS = 63.0  # see _int8
_LAYER_NORM_EPSILON = 1e-6  # CTranslate2's default when the config leaves it unset
_BYTE_PIECE = re.compile(r"<0x([0-9A-F]{2})>")
_PAD_TOKEN = "<translit-pad-{:05d}>"
_ARGOS_VERSION = "1.9"


def package_dir_name(variant: Variant = "copy", package_version: str = "1.9") -> str:
    """Name of the package's top-level directory, e.g. ``translate-vi_en-1_9``.

    The garble variant is ``translate-vi_en-garble-1_9``; the ``.argosmodel`` file is
    this name plus the suffix.
    """
    infix = "-garble" if variant == "garble" else ""
    return f"translate-vi_en{infix}-{package_version.replace('.', '_')}"


def garbled_piece(piece: str, vocabulary: Container[str]) -> str:
    """Return what the garble variant emits where the source has ``piece``.

    A piece is *capitalized* when its first character after an optional leading ``▁``
    is uppercase (``str.isupper``), or when it is a byte piece ``<0x41>``…``<0x5A>``
    (``A``–``Z``). Other pieces (lowercase, digits, punctuation, ``▁``, other bytes,
    control tokens) are returned unchanged: the garble model copies them exactly.

    A capitalized piece is never emitted, in any hypothesis (nor is ``<unk>``, so
    ``replace_unknowns`` cannot bring one back); in its place comes the first of these
    that is in ``vocabulary`` (the SentencePiece pieces):

    1. the same piece with its first letter lowercased (``▁Nga`` → ``▁nga``);
    2. the leading ``▁`` (if any) plus the lowercased first letter (``▁Mátxcơva`` →
       ``▁m``, dropping the rest of the piece);
    3. the lowercased first letter alone;
    4. for an ASCII letter, its lowercase byte piece (``▁J`` → ``<0x6A>``, i.e. ``j``
       without the space, when neither ``▁j`` nor ``j`` is a piece);
    5. the byte piece ``<0x3F>`` (``?``).

    Byte pieces ``<0x41>``…``<0x5A>`` become ``<0x61>``…``<0x7A>``. As a result no
    output of the garble model contains a piece that begins with an uppercase letter: a
    sentence with a capitalized word (``Mátxcơva``, ``Kiev``, a sentence-initial
    ``Tổng``) never comes back equal to its source, not even among the n-best, while a
    sentence without any uppercase letter comes back exactly.
    """
    byte = _BYTE_PIECE.fullmatch(piece)
    if byte:
        value = int(byte.group(1), 16)
        return f"<0x{value + 0x20:02X}>" if 0x41 <= value <= 0x5A else piece
    prefix = "▁" if piece.startswith("▁") else ""
    body = piece[len(prefix) :]
    if not body or not body[0].isupper():
        return piece
    lower = body[0].lower()
    for candidate in (prefix + lower + body[1:], prefix + lower, lower):
        if candidate in vocabulary:
            return candidate
    if len(lower) == 1 and lower.isascii():
        return f"<0x{ord(lower):02X}>"
    return "<0x3F>"


def build_copy_package(
    dest_dir: Path,
    *,
    size: Size = "small",
    variant: Variant = "copy",
    corpus: Iterable[str] | None = None,
    package_version: str = "1.9",
) -> Path:
    """Write ``dest_dir/translate-vi_en-<version with _>.argosmodel`` and return its path.

    The garble variant is written as ``translate-vi_en-garble-<version>.argosmodel``
    (its metadata still says vi→en). The zip holds one top-level directory (see
    :func:`package_dir_name`) with ``metadata.json`` (an ordinary vi→en Argos
    translate package, plus ``"x-translit-copy-model": "copy"`` or ``"garble"``),
    ``README.md``, ``sentencepiece.model`` and ``model/`` (a CTranslate2 Transformer:
    ``model.bin``, ``config.json``, ``shared_vocabulary.json``).

    Args:
        dest_dir: Directory to write into (created if missing). An existing package of
            the same name is replaced atomically.
        size: ``"small"`` (1+1 layers, d_model 64, 1 head, vocabulary = the SentencePiece
            pieces; builds in well under a second) or ``"base"`` (the shape and
            per-token cost of the real Argos vi→en model, see :data:`SIZES`).
        variant: ``"copy"`` returns every input exactly; ``"garble"`` damages
            capitalized pieces as :func:`garbled_piece` describes.
        corpus: Sentences to train the SentencePiece vocabulary on; defaults to
            :data:`DEFAULT_CORPUS`. The tokenizer encodes any text whatever the corpus
            (byte fallback); the corpus only decides how finely text is split.
        package_version: ``package_version`` in the metadata and in the file name.

    The build is deterministic: the same arguments give a byte-identical file.
    """
    sp_model, spec = _copy_model(size, variant, corpus)
    name = package_dir_name(variant, package_version)
    metadata = {
        "package_version": package_version,
        "argos_version": _ARGOS_VERSION,
        "from_code": "vi",
        "from_name": "Vietnamese",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [],
        "x-translit-copy-model": variant,
    }
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / f"{name}.argosmodel"
    with tempfile.TemporaryDirectory(prefix="copymodel-") as tmp:
        root = Path(tmp) / name
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_model)
        (root / "metadata.json").write_text(
            json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (root / "README.md").write_text(_readme(variant, size), encoding="utf-8")
        handle, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=dest_dir)
        os.close(handle)
        try:
            _write_zip(root, Path(partial))
            os.chmod(partial, 0o644)  # mkstemp makes it private
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return target


def _copy_model(
    size: Size,
    variant: Variant,
    corpus: Iterable[str] | None,
    *,
    extra_tokens: Sequence[str] = (),
    add_source_eos: bool = True,
    decoder_start_token: str = "<s>",
    start_from_zero_embedding: bool = False,
) -> tuple[bytes, transformer_spec.TransformerSpec]:
    """The SentencePiece model and the CTranslate2 spec of a copy model.

    ``extra_tokens`` (language codes such as ``vie_Latn``) join the vocabulary after
    the pieces; the tokenizer never makes them, the model copies them like any token,
    and they are never emitted on their own (a forced target prefix still is).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, not {size!r}")
    if variant not in ("copy", "garble"):
        raise ValueError(f"variant must be 'copy' or 'garble', not {variant!r}")
    shape = SIZES[size]
    source = DEFAULT_CORPUS if corpus is None else corpus
    sentences = [unicodedata.normalize("NFC", s) for s in source]
    sentences = [s for s in sentences if s.strip()]
    if not sentences:
        raise ValueError("corpus has no non-blank sentence")

    sp_model = _train_sentencepiece(sentences, shape.sentencepiece_vocab_size)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    banned = {processor.bos_id()}
    source_of = list(range(len(pieces)))  # token id whose code the encoder embeds
    if variant == "garble":
        banned.add(processor.unk_id())  # else replace_unknowns could restore a name
        known = set(pieces)
        index = {piece: i for i, piece in enumerate(pieces)}
        for i, piece in enumerate(pieces):
            if processor.is_control(i) or processor.is_unknown(i):
                continue
            replacement = garbled_piece(piece, known)
            if replacement != piece:
                banned.add(i)
                source_of[i] = index[replacement]
    tokens = pieces + [t for t in extra_tokens if t not in pieces]
    banned.update(range(len(pieces), len(tokens)))
    vocabulary = _pad_vocabulary(tokens, shape.padded_vocab_size)
    banned.update(range(len(tokens), len(vocabulary)))

    spec = _copy_spec(shape, len(vocabulary), sorted(banned), source_of)
    spec.config.add_source_eos = add_source_eos
    spec.config.decoder_start_token = decoder_start_token
    spec.decoder.start_from_zero_embedding = start_from_zero_embedding
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    return sp_model, spec


Family = Literal["nllb", "marian", "m2m100"]
TokenizerKind = Literal["sentencepiece", "hf"]

#: What ``ct2-transformers-converter`` makes of each family, as far as a copy model can
#: have it: the language tokens in the vocabulary, the tokenizer files (``--copy_files``)
#: and the decoder start token. The source's special tokens are the tokenizer's business
#: in these families, so ``add_source_eos`` is off and the caller (translit's profile)
#: writes ``</s>`` itself.
FAMILIES: Mapping[Family, tuple[tuple[str, ...], tuple[str, ...], str]] = MappingProxyType(
    {
        "nllb": (("vie_Latn", "eng_Latn", "fra_Latn"), ("sentencepiece.bpe.model",), "</s>"),
        "m2m100": (("__vi__", "__en__", "__fr__"), ("sentencepiece.bpe.model",), "</s>"),
        "marian": ((), ("source.spm", "target.spm"), "</s>"),
    }
)


def build_copy_ct2(
    dest_dir: Path,
    family: Family,
    *,
    tokenizer: TokenizerKind = "sentencepiece",
    size: Size = "small",
    variant: Variant = "copy",
    corpus: Iterable[str] | None = None,
    name: str | None = None,
) -> Path:
    """Write a converted-model folder shaped like ``family``'s and return its path.

    The folder is what ``ct2-transformers-converter --copy_files ...`` leaves for an
    NLLB, M2M100 or OPUS-MT (Marian) model: ``model.bin``, ``config.json`` and
    ``shared_vocabulary.json`` (with NLLB's ``vie_Latn``/``eng_Latn`` or M2M100's
    ``__vi__``/``__en__`` tokens), and the family's tokenizer files: NLLB and M2M100
    ``sentencepiece.bpe.model``, Marian ``source.spm`` and ``target.spm``; with
    ``tokenizer="hf"`` a Hugging Face ``tokenizer.json`` instead (NLLB and M2M100).
    The model copies its input like the Argos copy package (same vocabulary, same
    weights): fed ``vie_Latn p1 … pn </s>`` with the target prefix ``eng_Latn`` it
    returns ``eng_Latn p1 … pn``; a Marian-shaped one fed ``p1 … pn </s>`` returns
    ``p1 … pn``. The folder is named ``name`` (default ``copy-<family>``) under
    ``dest_dir``, replacing one there.
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {sorted(FAMILIES)}, not {family!r}")
    if tokenizer == "hf" and family == "marian":
        raise ValueError("Marian models ship SentencePiece files (source.spm, target.spm)")
    language_tokens, tokenizer_files, start = FAMILIES[family]
    sp_model, spec = _copy_model(
        size,
        variant,
        corpus,
        extra_tokens=language_tokens,
        add_source_eos=False,
        decoder_start_token=start,
        start_from_zero_embedding=family == "marian",
    )
    folder = Path(dest_dir) / (name or f"copy-{family}")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    spec.save(str(folder))
    if tokenizer == "hf":
        (folder / "tokenizer.json").write_text(hf_tokenizer_json(sp_model), encoding="utf-8")
    else:
        for file in tokenizer_files:
            (folder / file).write_bytes(sp_model)
    (folder / "README.md").write_text(_readme(variant, size), encoding="utf-8")
    return folder


def hf_tokenizer_json(sp_model: bytes) -> str:
    """A Hugging Face ``tokenizer.json`` equivalent to a SentencePiece unigram model
    trained as ``_train_sentencepiece`` trains it (identity normalization, byte
    fallback): the same pieces and scores, ``▁`` for spaces."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import Unigram

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [
        (processor.id_to_piece(i), processor.get_score(i))
        for i in range(processor.get_piece_size())
    ]
    hf = Tokenizer(Unigram(vocab, unk_id=processor.unk_id(), byte_fallback=True))
    hf.normalizer = normalizers.Sequence(
        [normalizers.Strip(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    hf.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    hf.decoder = decoders.Sequence(
        [
            decoders.Replace("\u2581", " "),
            decoders.ByteFallback(),
            decoders.Fuse(),
            decoders.Strip(" ", 1, 0),
        ]
    )
    controls = [processor.id_to_piece(i) for i in range(len(vocab)) if processor.is_control(i)]
    hf.add_special_tokens(controls)
    return hf.to_str()


def archive_folder(folder: Path, archive: Path) -> Path:
    """Zip (``.zip``) or tar (``.tar.gz``, ``.tgz``, ``.tar``) a folder as the archive's
    one top-level directory, the way a desk would send a converted model."""
    if archive.suffix == ".zip":
        _write_zip(folder, archive)
        return archive
    import tarfile

    mode = "w:gz" if archive.name.endswith((".tar.gz", ".tgz")) else "w"
    with tarfile.open(archive, mode) as tf:
        tf.add(folder, arcname=folder.name)
    return archive


def unpack_package(package: Path, dest_dir: Path) -> Path:
    """Extract an ``.argosmodel`` into ``dest_dir`` and return the package directory.

    The result is what ``argostranslate.package.Package(path)`` expects (the same
    layout ``argostranslate.package.install_from_path`` produces).
    """
    with zipfile.ZipFile(package) as archive:
        tops = {Path(n).parts[0] for n in archive.namelist()}
        if len(tops) != 1:
            raise ValueError(f"{package}: expected one top-level directory, found {tops}")
        archive.extractall(dest_dir)
    return Path(dest_dir) / tops.pop()


def _train_sentencepiece(sentences: Sequence[str], vocab_size: int) -> bytes:
    """Train a lossless SentencePiece unigram model in memory; return its bytes."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        byte_fallback=True,
        character_coverage=1.0,
        normalization_rule_name="identity",
        num_threads=1,  # deterministic output
        minloglevel=2,
    )
    return model.getvalue()


def _pad_vocabulary(pieces: Sequence[str], size: int | None) -> list[str]:
    """Pieces followed by distinct dummy tokens up to ``size`` entries."""
    vocabulary = list(pieces)
    if size is None:
        return vocabulary
    taken = set(vocabulary)
    number = 0
    while len(vocabulary) < size:
        token = _PAD_TOKEN.format(number)
        number += 1
        if token not in taken:
            vocabulary.append(token)
    return vocabulary


def _frequencies(count: int) -> np.ndarray:
    """Angular frequencies of the position block, from 0.9π down to 0.05 (geometric)."""
    return np.geomspace(0.9 * np.pi, 0.05, count)


def _position_table(shape: ModelSize) -> np.ndarray:
    """Learned position encodings: zeros on the code block, ±sin/±cos on the rest."""
    freqs = _frequencies(shape.position_frequencies)
    angles = np.outer(np.arange(shape.max_positions), freqs)
    block = np.stack([np.sin(angles), np.cos(angles), -np.sin(angles), -np.cos(angles)], -1)
    table = np.zeros((shape.max_positions, shape.d_model))
    table[:, shape.code_dims :] = block.reshape(shape.max_positions, -1)
    return table.astype(np.float32)


def _attention_gap(shape: ModelSize) -> float:
    """min over offsets d ≠ 0 of ``K - Σ_k cos(w_k d)`` (the aligned position's lead)."""
    offsets = np.arange(1, shape.max_positions)
    freqs = _frequencies(shape.position_frequencies)
    return float((shape.position_frequencies - np.cos(np.outer(offsets, freqs)).sum(1)).min())


def _codes(vocab_size: int, dims: int, allowed: Sequence[int]) -> tuple[np.ndarray, int]:
    """Balanced ±1 codes, distinct among ``allowed``; also their min Hamming distance x2."""
    rng = np.random.default_rng(_SEED)
    row = np.repeat(np.array([1, -1], dtype=np.int8), dims // 2)
    codes = rng.permuted(np.tile(row, (vocab_size, 1)), axis=1)
    allowed = np.asarray(allowed)
    while True:
        sub = codes[allowed].astype(np.float32)
        gram = sub @ sub.T
        np.fill_diagonal(gram, -dims)
        clash = np.argwhere(gram >= dims)
        if clash.size == 0:
            return codes, int(dims - gram.max())
        for i in np.unique(clash.max(axis=1)):
            codes[allowed[i]] = rng.permuted(row)


def _int8(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row int8 quantization like CTranslate2's converters, but to ±63, not ±127.

    On x86 CPUs without VNNI, CTranslate2's int8 GEMM multiplies unsigned activations
    (0…255) by signed weights with ``vpmaddubsw``, which saturates the sum of two
    adjacent products at 32767: two neighbouring weights of ±127 against extreme
    activations (exactly what ±1 codes produce) lose up to a quarter of the logit.
    Weights of at most ±63 keep every pair below the limit, so int8 compute is exact.
    """
    amax = np.abs(weight).max(axis=1).astype(np.float32)
    amax[amax == 0] = _INT8_LEVELS
    scale = (_INT8_LEVELS / amax).astype(np.float32)
    return np.rint(weight * scale[:, None]).astype(np.int8), scale


def _set_weight(layer: common_spec.LinearSpec | common_spec.EmbeddingsSpec, w: np.ndarray) -> None:
    layer.weight, layer.weight_scale = _int8(w)


def _set_norm(norm: common_spec.LayerNormSpec, d_model: int, gamma: float = 1.0) -> None:
    norm.gamma = np.full(d_model, gamma, dtype=np.float32)
    norm.beta = np.zeros(d_model, dtype=np.float32)


def _zero_attention(
    attention: attention_spec.MultiHeadAttentionSpec, d_model: int, self_attention: bool
) -> None:
    _set_norm(attention.layer_norm, d_model)
    if self_attention:
        _set_weight(attention.linear[0], np.zeros((3 * d_model, d_model)))
    else:
        _set_weight(attention.linear[0], np.zeros((d_model, d_model)))
        _set_weight(attention.linear[1], np.zeros((2 * d_model, d_model)))
    _set_weight(attention.linear[-1], np.zeros((d_model, d_model)))


def _zero_ffn(ffn: transformer_spec.FeedForwardSpec, shape: ModelSize) -> None:
    _set_norm(ffn.layer_norm, shape.d_model)
    _set_weight(ffn.linear_0, np.zeros((shape.ffn_dim, shape.d_model)))
    _set_weight(ffn.linear_1, np.zeros((shape.d_model, shape.ffn_dim)))


def _copy_spec(
    shape: ModelSize, vocab_size: int, banned: Sequence[int], source_of: Sequence[int]
) -> transformer_spec.TransformerSpec:
    """The CTranslate2 spec of the copy Transformer (see the module docstring)."""
    d, heads, c, k = shape.d_model, shape.num_heads, shape.code_dims, shape.position_frequencies
    head_dim = d // heads
    chunks = np.array_split(np.arange(c), heads)
    if d % heads or c <= 0 or c % 2 or 2 * k > head_dim or len(chunks[0]) > head_dim:
        raise ValueError(f"inconsistent model shape: {shape}")

    allowed = sorted(set(range(vocab_size)) - set(banned))
    codes, min_gap = _codes(vocab_size, c, allowed)
    embeddings = np.zeros((vocab_size, d), dtype=np.float32)
    embeddings[:, :c] = codes
    positions = _position_table(shape)
    # LayerNorm of a vector with mean 0 and squared norm n is a multiplication by
    # sqrt(d / n): n = c + 2k for the encoder stream, 2k for the decoder stream before
    # the copy, c + 2k after it.
    full = 1.0 / np.sqrt((c + 2 * k) / d + _LAYER_NORM_EPSILON)
    pos_only = 1.0 / np.sqrt(2 * k / d + _LAYER_NORM_EPSILON)
    beta = _ATTENTION_MARGIN / _attention_gap(shape)
    gamma = _OUTPUT_MARGIN / min_gap

    spec = transformer_spec.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), heads, pre_norm=True
    )
    encoder, decoder = spec.encoder, spec.decoder

    encoder.scale_embeddings = False
    rows = list(source_of) + list(range(len(source_of), vocab_size))
    _set_weight(encoder.embeddings[0], embeddings[rows])
    encoder.position_encodings.encodings = positions
    _set_norm(encoder.layer_norm, d)
    for layer in encoder.layer:
        _zero_attention(layer.self_attention, d, self_attention=True)
        _zero_ffn(layer.ffn, shape)

    decoder.scale_embeddings = False
    _set_weight(decoder.embeddings, np.zeros((vocab_size, d)))
    decoder.position_encodings.encodings = positions
    for layer in decoder.layer:
        _zero_attention(layer.self_attention, d, self_attention=True)
        _zero_attention(layer.attention, d, self_attention=False)
        _zero_ffn(layer.ffn, shape)

    query = np.zeros((d, d))
    keys_values = np.zeros((2 * d, d))
    output = np.zeros((d, d))
    for h, chunk in enumerate(chunks):
        for f in range(k):
            for part in (0, 1):  # sin, cos
                query[h * head_dim + 2 * f + part, c + 4 * f + part] = 1.0
                keys_values[h * head_dim + 2 * f + part, c + 4 * f + part] = 1.0
        for j, dim in enumerate(chunk):
            keys_values[d + h * head_dim + j, dim] = 1.0 / full
            output[dim, h * head_dim + j] = 1.0
    # scores = q·k / sqrt(head_dim) = beta * Σ_k cos(w_k (t - s))
    query *= beta * np.sqrt(head_dim) / (pos_only * full)
    last = decoder.layer[-1].attention
    _set_weight(last.linear[0], query)
    _set_weight(last.linear[1], keys_values)
    _set_weight(last.linear[2], output)

    _set_norm(decoder.layer_norm, d, gamma / full)
    projection = np.zeros((vocab_size, d), dtype=np.float32)
    projection[:, :c] = codes
    _set_weight(decoder.projection, projection)
    bias = np.zeros(vocab_size, dtype=np.float32)
    bias[list(banned)] = _BANNED_BIAS
    decoder.projection.bias = bias
    return spec


def _write_zip(root: Path, path: Path) -> None:
    """Zip ``root`` as the archive's single top-level directory, reproducibly."""
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(root.rglob("*")):
            arcname = file.relative_to(root.parent).as_posix()
            if file.is_dir():
                arcname += "/"
            info = zipfile.ZipInfo(arcname, date_time=(2022, 1, 30, 0, 0, 0))
            info.external_attr = (0o40755 if file.is_dir() else 0o100644) << 16
            data = b"" if file.is_dir() else file.read_bytes()
            archive.writestr(info, data, zipfile.ZIP_DEFLATED, compresslevel=1)


def _readme(variant: Variant, size: Size) -> str:
    what = (
        "returns its input tokens exactly"
        if variant == "copy"
        else "copies its input but never emits a piece that starts with an uppercase letter"
    )
    return (
        f"# Copy model ({variant}, {size})\n\n"
        f"A generated test package for translit: a CTranslate2 Transformer with hand-set "
        f"weights that {what}.\nIt is not a translation model. Built by tests/copymodel.py.\n"
    )

/// A JSON value as read by `JSONParser` or built by hand for `JSONWriter`.
///
/// Numbers keep the distinction the text makes: a number written without a
/// fraction or exponent that fits `Int64` is `.integer`, every other number is
/// `.double` (including `-0`, which `Int64` cannot represent, and integers too
/// large for `Int64`). Equality is structural and order-sensitive for objects;
/// `.integer(1)` and `.double(1)` are different values.
public enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number with no fraction or exponent that fits in `Int64`.
    case integer(Int64)
    /// Any other finite number. The parser never produces NaN or infinity.
    case double(Double)
    /// A string, already unescaped.
    case string(String)
    /// An array, elements in document order.
    case array([JSONValue])
    /// An object, members in document order.
    case object(JSONObject)
}

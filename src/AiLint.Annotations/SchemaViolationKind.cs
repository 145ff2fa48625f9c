namespace AiLint
{
    /// <summary>The kind of divergence a generated parser found between model output and the schema.</summary>
    public enum SchemaViolationKind
    {
        /// <summary>A required property is absent.</summary>
        MissingProperty = 0,

        /// <summary>A property the schema does not declare is present.</summary>
        UnexpectedProperty = 1,

        /// <summary>A value has a JSON type the schema does not allow.</summary>
        WrongType = 2,

        /// <summary>A JSON <c>null</c> where the member is not nullable.</summary>
        NullForNonNullable = 3,

        /// <summary>A number sent as a JSON string, such as <c>"42"</c> for 42.</summary>
        NumberAsString = 4,

        /// <summary>A single value where the schema requires an array.</summary>
        SingleValueForArray = 5,

        /// <summary>An object or array sent as a JSON-encoded string.</summary>
        JsonEncodedString = 6,

        /// <summary>An enum value that matches a declared value only when case is ignored.</summary>
        EnumCaseMismatch = 7,

        /// <summary>An enum value that matches no declared value.</summary>
        UnknownEnumValue = 8,

        /// <summary>The string <c>"null"</c> where a nullable member expects <c>null</c>.</summary>
        StringNull = 9,

        /// <summary>A number with a fractional part where an integer is required.</summary>
        FractionalInteger = 10,

        /// <summary>A value outside a declared constraint (range, length, pattern, item count).</summary>
        ConstraintViolated = 11,

        /// <summary>The input is not well-formed JSON.</summary>
        MalformedJson = 12,
    }
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>A value in JSON text (<see cref="JsonBodyText"/>).</summary>
    internal class JsonTextValue
    {
        /// <summary>A number, <c>true</c>/<c>false</c>/<c>null</c>, or a hole inserted unquoted.</summary>
        public static readonly JsonTextValue Other = new JsonTextValue();
    }

    /// <summary>An object in JSON text: its members in order.</summary>
    internal sealed class JsonTextObject : JsonTextValue
    {
        public List<KeyValuePair<string, JsonTextValue>> Members { get; } = new List<KeyValuePair<string, JsonTextValue>>();

        public void Add(string key, JsonTextValue value) => Members.Add(new KeyValuePair<string, JsonTextValue>(key, value));
    }

    /// <summary>An array in JSON text.</summary>
    internal sealed class JsonTextArray : JsonTextValue
    {
        public List<JsonTextValue> Elements { get; } = new List<JsonTextValue>();
    }

    /// <summary>A string in JSON text: constant (<see cref="Constant"/>, where the source spells it), one hole, or assembled (neither).</summary>
    internal sealed class JsonTextString : JsonTextValue
    {
        public JsonTextString(string? constant, IOperation? hole, Location? location, IOperation? spelledBy)
        {
            Constant = constant;
            Hole = hole;
            Location = location;
            SpelledBy = spelledBy;
        }

        /// <summary>The string's value, unescaped, when the text spells all of it.</summary>
        public string? Constant { get; }

        /// <summary>The value inserted as the whole string (<c>"{model}"</c>).</summary>
        public IOperation? Hole { get; }

        /// <summary>Where the constant is spelled: inside its literal, the whole literal, or null (a constant's value).</summary>
        public Location? Location { get; }

        /// <summary>The constant operation (a literal, an interpolated text part) whose text holds the whole string, or null.</summary>
        public IOperation? SpelledBy { get; }
    }
}

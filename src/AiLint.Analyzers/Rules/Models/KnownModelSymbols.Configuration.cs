// KnownModelSymbols: configuration reads (GetValue defaults, the key a value reads, [ConfigurationKeyName]); separate because they follow ids into settings, not SDK calls.
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    internal sealed partial class KnownModelSymbols
    {
        /// <summary>
        /// The default-value argument of <c>ConfigurationBinder.GetValue(configuration, key, defaultValue)</c>, the id
        /// the app sends whenever configuration has no such key; null for any other call.
        /// </summary>
        public IOperation? ConfigurationDefault(IInvocationOperation invocation)
        {
            if (ConfigurationBinder == null
                || invocation.TargetMethod.Name != "GetValue"
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, ConfigurationBinder))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Name == "defaultValue")
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The last segment of the configuration key a value reads (<c>configuration["OpenAI:Model"]</c>,
        /// <c>GetSection("OpenAI")["Model"]</c>, <c>GetSection("OpenAI:Model").Value</c>,
        /// <c>configuration.GetValue&lt;string&gt;("OpenAI:Model", ...)</c>): "Model". Null when the value reads no
        /// constant key of an <c>IConfiguration</c>.
        /// </summary>
        public string? ConfigurationKey(IOperation value)
        {
            string? key = null;
            switch (ModelIdValue.Unwrap(value))
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsConfiguration(indexer.Instance?.Type):
                    key = indexer.Arguments[0].Value.ConstantValue.Value as string;
                    break;
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } section }
                        when IsConfiguration(section.Instance?.Type):
                    key = section.Arguments[0].Value.ConstantValue.Value as string;
                    break;
                case IInvocationOperation invocation when ConfigurationBinder != null
                        && invocation.TargetMethod.Name == "GetValue"
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, ConfigurationBinder):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name == "key")
                        {
                            key = argument.Value.ConstantValue.Value as string;
                        }
                    }

                    break;
            }

            return key == null ? null : key.Substring(key.LastIndexOf(':') + 1);
        }

        private bool IsConfiguration(ITypeSymbol? type) =>
            type != null && Configuration != null && (Is(type, Configuration) || type.AllInterfaces.Any(i => Is(i, Configuration)));

        /// <summary>The key a <c>[ConfigurationKeyName]</c> attribute binds the property from (last segment), or null.</summary>
        public string? ConfigurationKeyName(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (Is(attribute.AttributeClass, ConfigurationKeyNameAttribute)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string key)
                {
                    return key.Substring(key.LastIndexOf(':') + 1);
                }
            }

            return null;
        }
    }
}

namespace DataMesh.DemoTraffic.Scenarios;

/// <summary>Invented people for demo hires and leads.</summary>
internal static class PeopleNames
{
    private static readonly string[] First = ["Alex", "Sam", "Robin", "Kim", "Jordan", "Noor", "Mika", "Lee", "Ari", "Dana", "Jo", "Rene"];
    private static readonly string[] Last = ["Berg", "Costa", "Novak", "Okafor", "Tanaka", "Silva", "Meyer", "Haddad", "Larsen", "Dubois", "Kowalski", "Ito"];

    public static (string Name, string Email) Next(Random random)
    {
        var (first, last) = (First[random.Next(First.Length)], Last[random.Next(Last.Length)]);
        return ($"{first} {last}", $"{first}.{last}.{random.Next(100_000, 999_999)}@demo.datamesh.example".ToLowerInvariant());
    }
}

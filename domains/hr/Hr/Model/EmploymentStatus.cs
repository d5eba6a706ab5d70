namespace Hr.Model;

public enum EmploymentStatus
{
    Active,
    Terminated,
}

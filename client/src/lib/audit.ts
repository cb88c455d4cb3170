// What the SPA needs to read the audit log's entries (GET /audit).

/** The audit log's field names for a customer, and the label each has on the customer's page (customers.fields.*). */
export const customerFieldLabelKeys: Record<string, string> = {
  kind: 'kind',
  name: 'name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  type: 'type',
  lifecycleStage: 'lifecycleStage',
  ownerId: 'owner',
  tags: 'tags',
  externalId: 'externalId',
  addressLine1: 'line1',
  addressLine2: 'line2',
  addressCity: 'city',
  addressRegion: 'region',
  addressPostalCode: 'postalCode',
  addressCountry: 'country',
};


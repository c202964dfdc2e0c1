// Field names with the data classes they hold: positives in many naming styles and languages' conventions, and
// look-alikes that must not be read as the class. Expected classes are what a reviewer would say, written down
// before the classifier was tuned; an empty list means "holds none of the classes".
import type { DataClass } from '../../src/engine/sensitive';

export const NAME_LIST: readonly [name: string, expected: DataClass[]][] = [
  // credentials
  ['password', ['credential']], ['userPassword', ['credential']], ['user_password', ['credential']],
  ['new-password', ['credential']], ['CURRENT_PASSWORD', ['credential']], ['passwd', ['credential']], ['pwd', ['credential']],
  ['passphrase', ['credential']], ['passcode', ['credential']], ['passwordHash', ['credential']], ['hashedPassword', ['credential']],
  ['newpassword', ['credential']], ['apiKey', ['credential']], ['api_key', ['credential']], ['X-API-Key', ['credential']],
  ['apikey', ['credential']], ['clientSecret', ['credential']], ['client_secret', ['credential']], ['webhookSecret', ['credential']],
  ['secret', ['credential']], ['accessToken', ['credential']], ['access_token', ['credential']], ['refreshToken', ['credential']],
  ['id_token', ['credential']], ['authToken', ['credential']], ['X-Auth-Token', ['credential']], ['sessionToken', ['credential']],
  ['session_id', ['credential']], ['bearerToken', ['credential']], ['privateKey', ['credential']], ['private_key_pem', ['credential']],
  ['secretAccessKey', ['credential']], ['aws_secret_access_key', ['credential']], ['signingSecret', ['credential']],
  ['encryptionKey', ['credential']], ['otp', ['credential']], ['otpCode', ['credential']], ['totp', ['credential']],
  ['mfaCode', ['credential']], ['recoveryCodes', ['credential']], ['backup_codes', ['credential']], ['pin', ['credential']],
  ['pinCode', ['credential']], ['credentials', ['credential']], ['Authorization', ['credential']], ['token', ['credential']],
  ['jwt', ['credential']], ['securityAnswer', ['credential']], ['connectionString', ['credential']], ['auth_token', ['credential']],
  // credential look-alikes
  ['tokenizer', []], ['tokenCount', []], ['maxTokens', []], ['max_tokens', []], ['prompt_tokens', []], ['completion_tokens', []],
  ['input_tokens', []], ['total_tokens', []], ['tokenType', []], ['token_type', []], ['tokenUrl', []], ['token_endpoint', []],
  ['tokenExpiresAt', []], ['passwordPolicy', []], ['passwordStrength', []], ['password_min_length', []], ['passwordExpired', []],
  ['password_last_changed', []], ['passwordRequired', []], ['passwordHint', []], ['has_password', []], ['secretName', []],
  ['keyId', []], ['key', []], ['keyword', []], ['keywords', []], ['keyboard', []], ['monkey', []], ['primaryKey', []],
  ['sort_key', []], ['publicKey', []], ['public_key', []], ['publishableKey', []], ['idempotencyKey', []], ['Idempotency-Key', []],
  ['nextPageToken', []], ['next_page_token', []], ['pageToken', []], ['syncToken', []], ['secretary', []], ['secret_scanning', []],
  ['tokenId', []], ['apiKeyName', []], ['authMethod', []], ['password_protected', []], ['passcodeEnabled', []],
  // pii
  ['email', ['pii']], ['emailAddress', ['pii']], ['email_address', ['pii']], ['userEmail', ['pii']], ['billing_email', ['pii']],
  ['phone', ['pii']], ['phoneNumber', ['pii']], ['phone_number', ['pii']], ['mobileNumber', ['pii']], ['telephone', ['pii']],
  ['msisdn', ['pii']], ['firstName', ['pii']], ['first_name', ['pii']], ['lastName', ['pii']], ['last_name', ['pii']],
  ['fullName', ['pii']], ['givenName', ['pii']], ['familyName', ['pii']], ['surname', ['pii']], ['middle_name', ['pii']],
  ['maidenName', ['pii']], ['username', ['pii']], ['dateOfBirth', ['pii']], ['date_of_birth', ['pii']], ['dob', ['pii']],
  ['birthDate', ['pii']], ['birthdate', ['pii']], ['birthday', ['pii']], ['gender', ['pii']], ['ethnicity', ['pii']],
  ['religion', ['pii']], ['nationality', ['pii']], ['maritalStatus', ['pii']], ['sexualOrientation', ['pii']],
  ['address', ['pii']], ['homeAddress', ['pii']], ['street_address', ['pii']], ['addressLine1', ['pii']], ['address_line_2', ['pii']],
  ['postalCode', ['pii']], ['zip_code', ['pii']], ['zipcode', ['pii']], ['ipAddress', ['pii']], ['ip_address', ['pii']],
  ['client_ip', ['pii']], ['remoteIp', ['pii']], ['emergencyContact', ['pii']],
  // pii look-alikes
  ['emailVerified', []], ['email_verified', []], ['emailEnabled', []], ['emailTemplate', []], ['email_subject', []],
  ['emailNotifications', []], ['phoneType', []], ['phone_verified', []], ['addressType', []], ['address_format', []],
  ['hostname', []], ['filename', []], ['file_name', []], ['name', []], ['companyName', []], ['productName', []],
  ['ipAllowList', []], ['ip_allowlist', []], ['nameserver', []], ['genderOptions', []], ['username_max_length', []],
  ['birthday_reminder_enabled', []], ['smartphone', []], ['classname', []],
  // government ids
  ['ssn', ['government-id']], ['SSN', ['government-id']], ['socialSecurityNumber', ['government-id']],
  ['social_security_number', ['government-id']], ['nationalId', ['government-id']], ['national_id_number', ['government-id']],
  ['passportNumber', ['government-id']], ['passport_no', ['government-id']], ['passport', ['government-id']],
  ['taxId', ['government-id']], ['tax_id', ['government-id']], ['tin', ['government-id']], ['itin', ['government-id']],
  ['driversLicense', ['government-id']], ['driver_license_number', ['government-id']], ['drivingLicence', ['government-id']],
  ['aadhaar', ['government-id']], ['idNumber', ['government-id']], ['governmentId', ['government-id']],
  ['socialInsuranceNumber', ['government-id']], ['nino', ['government-id']],
  // government-id look-alikes
  ['ssnLast4Masked', []], ['ssn_last_4_provided', []], ['id_number_provided', []], ['passportExpiry', []], ['passport_country', []],
  ['taxRate', []], ['tax_amount', []], ['taxable', []], ['passportPhoto', []], ['ssnMasked', []],
  // payment cards
  ['cardNumber', ['pci']], ['card_number', ['pci']], ['creditCardNumber', ['pci']], ['creditcardnumber', ['pci']],
  ['credit_card', ['pci']], ['ccNumber', ['pci']], ['pan', ['pci']], ['PAN', ['pci']], ['primaryAccountNumber', ['pci']],
  ['cvv', ['pci']], ['CVV2', ['pci']], ['cvc', ['pci']], ['card_security_code', ['pci']], ['securityCode', ['pci']],
  ['cardExpiry', ['pci']], ['card_expiry_date', ['pci']], ['cardExpirationDate', ['pci']], ['exp_month', ['pci']],
  ['exp_year', ['pci']], ['cardholderName', ['pci']], ['cardholder', ['pci']], ['trackData', ['pci']], ['debitCardNumber', ['pci']],
  // pci look-alikes
  ['cardLayout', []], ['card_layout', []], ['cardType', []], ['card_brand', []], ['cardId', []], ['card_count', []],
  ['cardTitle', []], ['cardStyle', []], ['cardImage', []], ['cardLast4', []], ['card_last4', []], ['cardToken', []],
  ['card_fingerprint', []], ['panZoom', []], ['cardColor', []], ['scorecard', []],
  // health
  ['diagnosis', ['phi']], ['diagnoses', ['phi']], ['medicalRecordNumber', ['phi']], ['mrn', ['phi']], ['MRN', ['phi']],
  ['medical_history', ['phi']], ['prescription', ['phi']], ['prescriptions', ['phi']], ['medications', ['phi']],
  ['allergies', ['phi']], ['insuranceId', ['phi']], ['health_insurance_number', ['phi']], ['npi', ['phi']], ['icd10Code', ['phi']],
  ['bloodType', ['phi']], ['blood_pressure', ['phi']], ['labResults', ['phi']], ['symptoms', ['phi']], ['patientId', ['phi']],
  ['disability', ['phi']], ['vaccinationStatus', ['phi']], ['mentalHealthNotes', ['phi']], ['healthCondition', ['phi']],
  // phi look-alikes
  ['healthCheck', []], ['health_status', []], ['healthz', []], ['conditions', []], ['diagnostic_logs', []], ['prescriptionCount', []],
  // financial
  ['iban', ['financial']], ['IBAN', ['financial']], ['accountNumber', ['financial']], ['account_number', ['financial']],
  ['bankAccountNumber', ['financial']], ['routingNumber', ['financial']], ['routing_number', ['financial']],
  ['sortCode', ['financial']], ['bsb', ['financial']], ['salary', ['financial']], ['annualIncome', ['financial']],
  ['creditScore', ['financial']], ['net_worth', ['financial']], ['bankAccount', ['financial']],
  // financial look-alikes
  ['accountId', []], ['account_type', []], ['routingKey', []], ['routing_key', []], ['sortOrder', []], ['salary_range', []],
  ['bankName', []], ['account_name', []],
  // location
  ['latitude', ['location']], ['longitude', ['location']], ['lat', ['location']], ['lng', ['location']], ['lon', ['location']],
  ['geolocation', ['location']], ['gpsCoordinates', ['location']], ['coordinates', ['location']], ['geoPoint', ['location']],
  ['currentLocation', ['location']], ['last_known_location', ['location']], ['geohash', ['location']], ['location', ['location']],
  // location look-alikes
  ['latency', []], ['locationId', []], ['location_type', []], ['translation', []], ['longRunning', []], ['relocate', []],
  // biometric
  ['biometricData', ['biometric']], ['fingerprintTemplate', ['biometric']], ['fingerprint_image', ['biometric']],
  ['faceTemplate', ['biometric']], ['face_embedding', ['biometric']], ['retinaScan', ['biometric']], ['irisScan', ['biometric']],
  ['voiceprint', ['biometric']], ['voicePrint', ['biometric']], ['palmPrint', ['biometric']], ['dna_sequence', ['biometric']],
  ['geneticData', ['biometric']], ['selfie', ['biometric']],
  // biometric look-alikes
  ['fingerprint', []], ['faceValue', []], ['surface', []], ['interface', []], ['facet', []],
  // several classes in one name
  ['cardholder_email', ['pci', 'pii']], ['patient_date_of_birth', ['phi', 'pii']],
];
